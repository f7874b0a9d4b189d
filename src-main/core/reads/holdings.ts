import type { Db } from '../store/database';

/** How much plate data the store holds and how far back it goes (for retention and the dashboard): committed imports only. */
export function alprHoldings(db: Db): { reads: number; oldestCapture: string | null; newestCapture: string | null } {
  const row = db.prepare('SELECT count(*) AS reads, min(captured_at) AS oldest, max(captured_at) AS newest FROM committed_reads').get() as {
    reads: number;
    oldest: number | null;
    newest: number | null;
  };
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { reads: row.reads, oldestCapture: iso(row.oldest), newestCapture: iso(row.newest) };
}
