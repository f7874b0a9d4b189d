import type { Db } from '../store/database';

/** How much plate data the store holds and how far back it goes (for retention and the dashboard). */
export function alprHoldings(db: Db): { reads: number; oldestCapture: string | null; newestCapture: string | null } {
  const row = db.prepare('SELECT count(*) AS reads, min(captured_at) AS oldest, max(captured_at) AS newest FROM plate_reads').get() as {
    reads: number;
    oldest: string | null;
    newest: string | null;
  };
  return { reads: row.reads, oldestCapture: row.oldest, newestCapture: row.newest };
}
