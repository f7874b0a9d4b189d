import type { Readable } from 'node:stream';
import { LOG_MAPPING_FIELDS } from '../../../contract/imports';
import type { ParsedItem, ReadOptions, VendorAuditRow } from '../rows';
import { hasWildcard } from '../../reads/plates';
import { numberedNames, readTable } from '../../intake/tabular';
import { clockFor, isTimeError, parseFlockTime, type Clock } from '../../intake/times';
import { CellProblem, listed, logLayout, mappedLogHeader, matchHeader, type LogRow } from '../../intake/vendor-log';
import { mappingAs } from './mapping';

/**
 * Flock Safety Organization / Network Audit (CSV or XLSX). Columns are matched by name, in
 * any order, with any case and leading spaces; every variant on the formats page reads:
 * 14, 13 (no Total Devices Searched) or 11 columns, no Org Name, an Offense Type, Search
 * Date split from Search Time, and the older files with no header in HEADERLESS order.
 * An audit re-extracted under other column names is read through a column mapping.
 */
export const AUDIT_COLUMNS = Object.values(LOG_MAPPING_FIELDS['flock-audit']);

/** The order of the older exports that have no header row. */
export const HEADERLESS_AUDIT = [
  'Name',
  'Org Name',
  'Total Networks Searched',
  'Total Devices Searched',
  'Time Frame',
  'License Plate',
  'Reason',
  'Case #',
  'Filters',
  'Search Time',
  'Search Type',
] as const;

/** How many audit column names make a first row a header. */
const HEADER_MATCHES = 4;

/** The first row is a row of an older header-less audit: 11 cells, a Search Time where it belongs. */
export function isHeaderlessAudit(first: string[]): boolean {
  return first.length === HEADERLESS_AUDIT.length && !isTimeError(parseFlockTime(first[9]!));
}

/** `<start> UTC\n<end> UTC` or `<start> UTC to <end> UTC`; a time without UTC is in `clock`'s zone. */
function timeFrame(text: string | null, clock: Clock): { start: number | null; end: number | null } {
  if (text === null) return { start: null, end: null };
  const parts = text.split(/\s*\r?\n\s*|\s+to\s+/i).filter((part) => part !== '');
  const start = parts[0] === undefined ? NaN : parseFlockTime(parts[0], clock);
  const end = parts[1] === undefined ? NaN : parseFlockTime(parts[1], clock);
  if (parts.length !== 2 || typeof start !== 'number' || typeof end !== 'number') {
    const problem = parts.length !== 2 ? 'is not a start and an end time' : `has a time that ${isTimeError(start) ? start : end}`;
    throw new CellProblem('Time Frame', `the Time Frame ${JSON.stringify(text)} ${problem}`);
  }
  return { start, end };
}

export function readFlockAudit(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const now = options.now.getTime();
  // Flock writes "UTC" after its times; a release whose times lost it is read in the import's zone.
  const clock = clockFor(options.timezone);
  const searchTime = (text: string) => parseFlockTime(text, clock);
  const make = (row: LogRow, line: number): VendorAuditRow => {
    const date = row.get('Search Date');
    const time = row.get('Search Time');
    const searchedText = date !== null && time !== null ? `${date} ${time}` : (date ?? time);
    const timeFrameText = row.get('Time Frame');
    const frame = timeFrame(timeFrameText, clock);
    const plate = row.get('License Plate');
    return {
      target: 'vendor-audit',
      line,
      vendorEntryId: row.get('ID'),
      name: row.get('Name'),
      orgName: row.get('Org Name'),
      networksSearched: row.count('Total Networks Searched'),
      devicesSearched: row.count('Total Devices Searched'),
      timeFrameStart: frame.start,
      timeFrameEnd: frame.end,
      timeFrameText,
      plate,
      plateHasWildcard: plate !== null && hasWildcard(plate),
      reason: row.get('Reason'),
      caseNumber: row.get('Case #'),
      filters: row.get('Filters'),
      offenseType: row.get('Offense Type'),
      searchedAt: row.time('Search Time', searchedText, searchTime, now),
      searchedText,
      searchType: row.get('Search Type'),
      textPrompt: row.get('Text Prompt'),
      moderation: row.get('Moderation'),
      withheld: row.withheld,
      cells: row.cells,
    };
  };
  const mapping = mappingAs(options.mapping, 'flock-audit');
  const layoutOf = (first: string[]) => {
    if (mapping) {
      const mapped = mappedLogHeader(first, mapping, LOG_MAPPING_FIELDS['flock-audit'], options.fileName);
      return logLayout(mapped.header, mapped.names, mapped.canonical, (row, record) => make(row, record.line));
    }
    const header = matchHeader(first, AUDIT_COLUMNS, HEADER_MATCHES);
    if (header) return logLayout(true, header.names, header.canonical, (row, record) => make(row, record.line));
    if (isHeaderlessAudit(first))
      return logLayout(false, numberedNames(first.length), [...HEADERLESS_AUDIT], (row, record) => make(row, record.line));
    throw new Error(
      `${options.fileName} is not a Flock audit: its first row names too few of the audit's columns (${listed(AUDIT_COLUMNS)}) and is not the older ${HEADERLESS_AUDIT.length}-column layout without a header.`,
    );
  };
  return readTable(input, options, layoutOf, mapping?.delimiter);
}
