import type { Readable } from 'node:stream';
import { LOG_MAPPING_FIELDS } from '../../../contract/imports';
import type { ParsedItem, ReadOptions, VendorSearchAuditRow } from '../rows';
import { readTable } from '../../intake/tabular';
import { clockFor, parseIso } from '../../intake/times';
import { listed, logLayout, mappedLogHeader, matchHeader } from '../../intake/vendor-log';
import { mappingAs } from './mapping';

/**
 * Flock Safety transparency-portal search audit: `"id","userId","searchDate","networkCount","reason"`,
 * `searchDate` ISO 8601 with milliseconds and Z (one without a zone is read in the import's
 * zone), `userId` often withheld as `***`. Renamed columns beyond the spellings below are read
 * through a column mapping.
 */
export const SEARCH_AUDIT_COLUMNS = Object.values(LOG_MAPPING_FIELDS['flock-search-audit']);

/**
 * Other spellings of the columns in releases and re-extracts: snake case, and the count of
 * what was searched named for cameras rather than networks. VENDOR-FORMATS.md names only
 * Flock's own spellings. None is a Flock audit's column name ("Search Date" is), so an audit
 * is never taken for a search audit.
 */
const SEARCH_AUDIT_ALIASES: Record<string, string> = {
  user_id: 'userId',
  search_date: 'searchDate',
  network_count: 'networkCount',
  'network count': 'networkCount',
  networks: 'networkCount',
  networksSearched: 'networkCount',
  'networks searched': 'networkCount',
  cameraCount: 'networkCount',
  camera_count: 'networkCount',
  'camera count': 'networkCount',
  cameras: 'networkCount',
  camerasSearched: 'networkCount',
  'cameras searched': 'networkCount',
};

/** The header matched to the search audit's columns, or null when it names fewer than three. */
export function searchAuditHeader(first: string[]): { names: string[]; canonical: (string | null)[] } | null {
  return matchHeader(first, SEARCH_AUDIT_COLUMNS, 3, SEARCH_AUDIT_ALIASES);
}

export function readFlockSearchAudit(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const now = options.now.getTime();
  const clock = clockFor(options.timezone);
  const parse = (text: string) => parseIso(text, clock);
  const mapping = mappingAs(options.mapping, 'flock-search-audit');
  const layoutOf = (first: string[]) => {
    const header = mapping
      ? mappedLogHeader(first, mapping, LOG_MAPPING_FIELDS['flock-search-audit'], options.fileName)
      : searchAuditHeader(first);
    if (!header) {
      throw new Error(
        `${options.fileName} is not a Flock search audit: its header does not name the columns ${listed(SEARCH_AUDIT_COLUMNS)}.`,
      );
    }
    return logLayout(mapping?.hasHeader ?? true, header.names, header.canonical, (row, { line }): VendorSearchAuditRow => {
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
  };
  return readTable(input, options, layoutOf, mapping?.delimiter);
}
