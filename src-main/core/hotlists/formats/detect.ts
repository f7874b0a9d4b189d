import type { HotlistFormat } from '../../../contract/hotlists';
import { invalid } from '../../errors';
import { firstRecord, sniffDelimiter } from '../../intake/csv';
import { notText } from '../../intake/text';
import { listed, matchHeader } from '../../intake/vendor-log';
import { entryPlate, isEntry } from './entries';
import { FIXED_WIDTH, GENETEC_DELIMITERS, genetecHeader, genetecLine, looksFixedWidth } from './genetec';
import { unreadVigilantColumns, VIGILANT_REQUIRED } from './vigilant';

/** How a hot-list file is read. */
export interface HotlistLayout {
  format: HotlistFormat;
  delimiter: string;
  /** what was found, in words */
  description: string;
}

const DELIMITER_NAMES: Record<string, string> = { ';': 'semicolons', '\t': 'tabs', ',': 'commas', ':': 'colons', '|': 'vertical bars' };

/** Words that mark a first line as a header (of some layout), not a Genetec entry. */
const HEADER_WORDS = /plate|state|tag|licen[cs]e|alert|reason|categ|expir|effect|case|make|model|colou?r|vehicle|vin\b|date/i;

/**
 * A first line that names columns rather than holding an entry: no digits (an entry has a
 * plate or dates with digits, nearly always), and words of a header, or three or more
 * fields above a line that has digits.
 */
function looksLikeHeader(line: string, fields: string[], next: string | undefined): boolean {
  if (/\d/.test(line)) return false;
  return HEADER_WORDS.test(line) || (fields.length >= 3 && next !== undefined && /\d/.test(next));
}

function headLines(head: Buffer, complete: boolean): string[] {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  return lines.filter((line) => line.trim() !== '').slice(0, 50);
}

/**
 * What a hot-list file is, from its start (`head`, up to 64 KB): the format and delimiter,
 * and a sentence saying what was found. An unknown layout is refused, asking for a mapping.
 */
export function detectHotlist(head: Buffer, fileName: string, complete: boolean): HotlistLayout {
  if (head.length === 0) throw invalid('hotlist-empty', `${fileName} is empty.`);
  const binary = notText(head);
  if (binary) throw invalid('hotlist-layout', `${fileName} is not a hot-list file: ${binary}.`);
  const lines = headLines(head, complete);
  if (lines.length === 0) throw invalid('hotlist-empty', `${fileName} holds no entries.`);
  const firstLine = lines[0]!;
  const sniffed = sniffDelimiter(firstLine);
  const first = firstRecord(firstLine, sniffed, true) ?? [];
  if (matchHeader(first, VIGILANT_REQUIRED, VIGILANT_REQUIRED.length)) {
    const unread = unreadVigilantColumns(first);
    return {
      format: 'vigilant',
      delimiter: sniffed,
      description: `Detected a Vigilant-style hot list: a header with Hot Plate, State and Alert, separated by ${DELIMITER_NAMES[sniffed]}${
        unread.length ? `; the columns ${listed(unread)} are not read` : ''
      }.`,
    };
  }
  for (const delimiter of GENETEC_DELIMITERS) {
    const fields = firstRecord(firstLine, delimiter, true) ?? [];
    if (fields.length > 1 && genetecHeader(fields)) {
      return {
        format: 'genetec',
        delimiter,
        description: `Detected a Genetec hot list with a header (${fields.map((f) => f.trim()).join(', ')}), separated by ${DELIMITER_NAMES[delimiter]}.`,
      };
    }
  }
  const unknown = (what: string) =>
    invalid(
      'hotlist-layout-unknown',
      `${fileName} ${what} This is not a hot-list layout Custodian knows (Genetec lines such as QC;DEF228;2012-01-31;2012-05-31;PermitID_1 or ABC123;CA, or a Vigilant-style header Hot Plate, State, Alert). Save a hot-list mapping that says which column holds the plate, the state and the dates, and import with it.`,
    );
  if (looksLikeHeader(firstLine, first, lines[1])) {
    throw unknown(
      `starts with a header (${listed(
        first.map((f) => f.trim()),
        8,
      )}).`,
    );
  }
  const delimiter = GENETEC_DELIMITERS.find((d) => firstLine.includes(d));
  if (!delimiter) {
    if (looksFixedWidth(firstLine)) throw invalid('hotlist-fixed-width', `${fileName} ${FIXED_WIDTH}`);
    if (lines.every((line) => !looksFixedWidth(line) && typeof entryPlate(line) !== 'string')) {
      return { format: 'genetec', delimiter: ';', description: `Detected a Genetec hot list in its shortest form: one plate per line.` };
    }
    throw unknown('has lines without a delimiter that are not plates.');
  }
  // Every sampled line must read as one of Genetec's forms; the counts say which were seen.
  const forms = new Map<number, number>();
  let unreadable = 0;
  for (const line of lines) {
    const fields = firstRecord(line, delimiter, true) ?? [];
    const item = genetecLine(0, fields, null);
    if (isEntry(item)) forms.set(fields.length, (forms.get(fields.length) ?? 0) + 1);
    else unreadable++;
  }
  if (forms.size === 0 || unreadable > lines.length / 2) {
    throw unknown(
      `has lines separated by ${DELIMITER_NAMES[delimiter]}, but most of the first ${lines.length} do not read as Genetec entries.`,
    );
  }
  const FORM_NAMES: Record<number, string> = {
    2: 'short form (plate;state)',
    5: 'PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID',
    6: 'Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID',
  };
  const seen = [...forms.keys()].sort().map((count) => FORM_NAMES[count] ?? `${count} fields`);
  return {
    format: 'genetec',
    delimiter,
    description: `Detected a Genetec hot list separated by ${DELIMITER_NAMES[delimiter]}, no header: ${seen.join('; ')}.`,
  };
}

/** The delimiter of a Genetec file named as such: the first of ; Tab , : its first line holds (";" when none). */
export function genetecDelimiter(head: Buffer): string {
  const first = headLines(head, true)[0] ?? '';
  return GENETEC_DELIMITERS.find((d) => first.includes(d)) ?? ';';
}
