import { MAPPING_KINDS, type ImportFormat } from '../../../contract/imports';
import { firstRecord, sniffDelimiter } from '../../intake/csv';
import { AUDIT_COLUMNS, HEADERLESS_AUDIT, isHeaderlessAudit } from './flock-audit';
import { EVENT_COLUMNS } from './flock-events';
import { searchAuditHeader } from './flock-search-audit';
import { suggestLogMapping, suggestMapping } from './mapping';
import { firstSignificant, notText } from '../../intake/text';
import { headerNames, numberedNames } from '../../intake/tabular';
import { listed, matchHeader } from '../../intake/vendor-log';

/** What a file looks like, said in words a records clerk reads. */
export interface Detection {
  format: ImportFormat | null;
  detection: string;
  /** the file's header cells (CSV, spreadsheet), for the mapping editor */
  columns: string[];
  /** the delimiter of a CSV */
  delimiter?: string;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

/**
 * Tells the format from the start of a file (`head`, up to 64 KB, possibly cut mid-line)
 * or, for a workbook, its first row. JSON and XML are told apart by shape, tables by their
 * header. An unknown layout is never guessed: the answer asks for a column mapping.
 */
export function detectFormat(head: Buffer, fileName: string, spreadsheetHeader?: string[]): Detection {
  if (spreadsheetHeader) return detectTable(spreadsheetHeader, 'workbook');
  if (head.length === 0) return { format: null, detection: `${fileName} is empty.`, columns: [] };
  const binary = notText(head);
  if (binary) {
    const what = /\.xlsx$/i.test(fileName) ? 'an XLSX workbook; open it as a spreadsheet' : `not a CSV, JSON or XML export (${binary})`;
    return { format: null, detection: `${fileName} is ${what}.`, columns: [] };
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const start = firstSignificant(head);
  if (start === '') return { format: null, detection: `${fileName} holds only white space.`, columns: [] };
  if (start === '<') return detectXml(text);
  if (start === '{' || start === '[') return detectJson(text, start);
  const delimiter = sniffDelimiter(text);
  // the whole head is one record only when the file is that short
  const first = firstRecord(text, delimiter, head.length < 64 * 1024);
  if (!first) return { format: null, detection: 'The first line is longer than 64 KB: this is not a table Custodian knows.', columns: [] };
  return { ...detectTable(first, `CSV separated by ${DELIMITER_NAMES[delimiter] ?? delimiter}`), delimiter };
}

function detectXml(text: string): Detection {
  if (/<(?:\w+:)?Plate[\s>]/i.test(text) && /UTCDate|UTCTime|SharpV|AutoVu/i.test(text)) {
    return { format: 'genetec', detection: 'Detected Genetec AutoVu SharpV XML: reads with Plate, UTCDate and UTCTime.', columns: [] };
  }
  return { format: null, detection: 'This is XML, but not Genetec AutoVu SharpV reads (no Plate with UTCDate and UTCTime).', columns: [] };
}

function detectJson(text: string, start: string): Detection {
  const shape = start === '[' ? 'a JSON array' : /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text) ? 'JSON Lines' : 'a JSON object';
  if (/"data_type"\s*:\s*"alpr_(?:results|group)"|"best_plate_number"\s*:|"epoch_time"\s*:/.test(text)) {
    const kinds = [
      /alpr_results|"epoch_time"/.test(text) && 'alpr_results',
      /alpr_group|"best_plate_number"/.test(text) && 'alpr_group',
    ].filter(Boolean);
    return { format: 'rekor', detection: `Detected Rekor / OpenALPR reads (${kinds.join(' and ')}) in ${shape}.`, columns: [] };
  }
  if (/"capturedAt"\s*:/.test(text) && /"(?:device|plate)"\s*:/.test(text)) {
    const wrapper = /^\s*\{\s*"(reads|data)"\s*:\s*\[/.exec(text);
    const where = wrapper ? `a JSON object's "${wrapper[1]}" list` : shape;
    return {
      format: 'flock-reads',
      detection: `Detected Flock plate reads (API v3 shape: capturedAt, device, plate) in ${where}.`,
      columns: [],
    };
  }
  return {
    format: null,
    detection: `This is ${shape}, but not in a shape Custodian knows (Flock API v3 reads or Rekor / OpenALPR results).`,
    columns: [],
  };
}

function detectTable(first: string[], what: string): Detection {
  try {
    const search = searchAuditHeader(first);
    if (search) {
      return {
        format: 'flock-search-audit',
        detection: `Detected a Flock transparency-portal search audit (${what}): ${first.length} columns with a header.`,
        columns: search.names,
      };
    }
    const events = matchHeader(first, EVENT_COLUMNS, 3);
    if (events)
      return {
        format: 'flock-events',
        detection: `Detected a Flock event log (${what}): ${first.length} columns with a header.`,
        columns: events.names,
      };
    const audit = matchHeader(first, AUDIT_COLUMNS, 4);
    if (audit) return { format: 'flock-audit', detection: auditSentence(audit.canonical, what), columns: audit.names };
    if (isHeaderlessAudit(first)) {
      return {
        format: 'flock-audit',
        detection: `Detected a Flock audit without a header row (${what}): ${first.length} columns in the older order (${HEADERLESS_AUDIT.join(', ')}).`,
        columns: numberedNames(first.length),
      };
    }
    const columns = headerNames(first);
    const log = suggestLogMapping(columns);
    const looksLike = log ? `${MAPPING_KINDS[log.maps].what} under other column names` : suggestMapping(columns) ? 'plate reads' : null;
    return {
      format: null,
      detection: looksLike
        ? `The columns (${listed(columns)}) look like ${looksLike} but match no known layout; choose or save a column mapping.`
        : `The columns (${listed(columns)}) match no known layout; choose or save a column mapping.`,
      columns,
    };
  } catch (error) {
    return { format: null, detection: (error as Error).message, columns: first };
  }
}

function auditSentence(canonical: (string | null)[], what: string): string {
  const has = (name: string) => canonical.includes(name);
  const kind = has('Org Name') ? 'network audit' : 'organization audit';
  const notes: string[] = [];
  if (!has('Total Devices Searched')) notes.push('no Total Devices Searched');
  if (!has('Text Prompt') && !has('Moderation')) notes.push('no Text Prompt or Moderation');
  if (has('Offense Type')) notes.push('with Offense Type');
  if (has('Search Date')) notes.push('Search Date and Search Time in separate columns');
  const extra = canonical.filter((name) => name === null).length;
  if (extra) notes.push(`${extra} column${extra === 1 ? '' : 's'} not in the known layout, kept as written`);
  return `Detected a Flock ${kind} (${what}): ${canonical.length} columns with a header${notes.length ? ` (${notes.join('; ')})` : ''}.`;
}
