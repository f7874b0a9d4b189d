import crypto from 'node:crypto';

/**
 * "No read twice": every stored row carries a 64-bit hash of its natural key, under a
 * unique index. A read's natural key is its vendor and the vendor's id for it; without an
 * id, its plate, capture time and camera. A hash is a quarter of the index a text key
 * needs, and measured faster to insert (bench/RESULTS.md). Two different keys can share a
 * hash (about one chance in 10^6 at ten million reads); the writer then compares the
 * stored row's own key and, when it differs, stores the new row under the next probe.
 */
export function plateReadKey(
  vendor: string,
  vendorReadId: string | null,
  plateNorm: string,
  capturedAt: number,
  camera: string | null,
): string {
  return vendorReadId ? `read\u0000${vendor}\u0000${vendorReadId}` : `read\u0000${plateNorm}\u0000${capturedAt}\u0000${camera ?? ''}`;
}

/** The hash for `key` at probe `probe` (0 first), as a signed 64-bit integer (SQLite's INTEGER). */
export function dedupeHash(key: string, probe = 0): bigint {
  const digest = crypto
    .createHash('sha256')
    .update(probe === 0 ? key : `${key}\u0000#${probe}`)
    .digest();
  return digest.readBigInt64BE(0);
}

/**
 * The vendor logs (Flock's audits, event logs and transparency search audits), by table: the
 * column holding the vendor's own id for a row, and the columns that say what the row records.
 * The layout-dependent text (cells as written, times as written) is left out of the content,
 * so the same search exported as CSV and as XLSX is one row.
 */
export const VENDOR_LOGS = {
  'vendor-audit': {
    table: 'vendor_audit_searches',
    idColumn: 'vendor_entry_id',
    content: [
      'name',
      'org_name',
      'networks_searched',
      'devices_searched',
      'time_frame_start',
      'time_frame_end',
      'plate',
      'plate_has_wildcard',
      'reason',
      'case_number',
      'filters',
      'offense_type',
      'searched_at',
      'search_type',
      'text_prompt',
      'moderation',
      'withheld',
    ],
  },
  'vendor-events': {
    table: 'vendor_events',
    idColumn: 'vendor_event_id',
    content: ['occurred_at', 'user', 'event_type', 'entity_type', 'details', 'withheld'],
  },
  'vendor-search-audit': {
    table: 'vendor_search_audit',
    idColumn: 'vendor_entry_id',
    content: ['user_id', 'searched_at', 'network_count', 'reason', 'withheld'],
  },
} as const;
export type VendorLog = keyof typeof VENDOR_LOGS;
export type VendorLogContentColumn<L extends VendorLog> = (typeof VENDOR_LOGS)[L]['content'][number];

/** Every vendor log Custodian reads is Flock's. */
const LOG_VENDOR = 'flock';

/**
 * A vendor-log row's natural key when it carries the vendor's id: the vendor, the kind of log
 * and the id. A second copy of the row is then a duplicate, whatever file it came in; the
 * same id with other content is a conflict, kept and named (imports/writer.ts).
 */
export function vendorLogKey(log: VendorLog, vendorId: string): string {
  return `log\u0000${LOG_VENDOR}\u0000${log}\u0000${vendorId}`;
}

/** What a vendor-log row records, as one string to compare: its content columns' values, in order. */
export function vendorLogContent(values: readonly unknown[]): string {
  return JSON.stringify(values);
}
