import type { Readable } from 'node:stream';
import type { ParsedItem, ReadOptions, VendorSearchAuditRow } from '../rows';
import { readTable } from '../../intake/tabular';
import { clockFor, parseIso } from '../../intake/times';
import { listed, logLayout, matchHeader } from '../../intake/vendor-log';

/**
 * Flock Safety transparency-portal search audit: `"id","userId","searchDate","networkCount","reason"`,
 * `searchDate` ISO 8601 with milliseconds and Z (one without a zone is read in the import's
 * zone), `userId` often withheld as `***`.
 */
export const SEARCH_AUDIT_COLUMNS = ['id', 'userId', 'searchDate', 'networkCount', 'reason'] as const;

export function readFlockSearchAudit(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const now = options.now.getTime();
  const clock = clockFor(options.timezone);
  const parse = (text: string) => parseIso(text, clock);
  return readTable(input, options, (first) => {
    const header = matchHeader(first, SEARCH_AUDIT_COLUMNS, 3);
    if (!header) {
      throw new Error(
        `${options.fileName} is not a Flock search audit: its header does not name the columns ${listed(SEARCH_AUDIT_COLUMNS)}.`,
      );
    }
    return logLayout(true, header.names, header.canonical, (row, { line }): VendorSearchAuditRow => {
      const searchedText = row.get('searchDate');
      return {
        target: 'vendor-search-audit',
        line,
        vendorEntryId: row.get('id'),
        userId: row.get('userId'),
        searchedAt: row.time('searchDate', searchedText, parse, now),
        searchedText,
        networkCount: row.count('networkCount'),
        reason: row.get('reason'),
        withheld: row.withheld,
        cells: row.cells,
      };
    });
  });
}
