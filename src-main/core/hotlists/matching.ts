import { isoDay } from '../clock';
import type { Steps } from '../steps';
import type { Db } from '../store/database';
import { readIdsMatching } from '../reads/candidates';

/**
 * Matching hot-list entries with plate reads. Each match is an alert, UNIQUE(entry, read),
 * so matching again never raises one twice.
 *
 * An entry is in force when it is not retired and today (YYYY-MM-DD) lies within its
 * effective and expiry days (a missing day leaves that side open). A read matches a full
 * entry when the normalised plates are equal and the states agree where both are known; a
 * partial entry (`*`, `?`) through the reads' pattern candidates (reads/candidates.ts). Reads of any
 * capture time match: a partial plate from a crime is looked for among the reads of that
 * night.
 *
 * Two directions:
 * - a new entry (a loaded list, a manual entry) against the stored reads: reads of
 *   committed imports and of an import still running (its own matching may already have
 *   run; the alert stays hidden until the import commits, and goes with it if
 *   cleared);
 * - an import's new reads against the entries in force (after the import's last batch, before
 *   it commits): `matchImportedReads`.
 */

/** SQL: the entry `e` is in force on `@today`. */
export const IN_FORCE =
  'e.retired_at IS NULL AND (e.effective_on IS NULL OR e.effective_on <= @today) AND (e.expires_on IS NULL OR e.expires_on >= @today)';
const STATES_AGREE = '(e.state IS NULL OR r.state IS NULL OR e.state = r.state)';
/**
 * The read has no alert yet from this plate on this list. A list loaded again (a daily NCIC
 * refresh) gets new entries for the same plates; the reads they match were alerted, and
 * perhaps verified, under the earlier entries, and must not come back to the queue.
 */
// CROSS JOIN: from the read's few alerts to their entries; the other way round, SQLite
// walked every entry of the list for each matching read (20 s for 100k entries).
const NOT_ALERTED_BEFORE = `NOT EXISTS (SELECT 1 FROM alerts a2 CROSS JOIN hotlist_entries e2 ON e2.id = a2.entry_id
  WHERE a2.read_id = r.id AND e2.list_id = e.list_id AND e2.plate_norm = e.plate_norm)`;
/** Reads that are, or may become, visible: their import committed or still running. */
const LIVE_READ = "r.import_id IN (SELECT id FROM imports WHERE status IN ('committed', 'running'))";

/** Which new entries to match: those of one load, or one entry. */
export type EntrySelection = { loadId: number } | { entryId: number };

function selectionSql(selection: EntrySelection): { sql: string; params: Record<string, number> } {
  return 'loadId' in selection
    ? { sql: 'e.load_id = @selected', params: { selected: selection.loadId } }
    : { sql: 'e.id = @selected', params: { selected: selection.entryId } };
}

interface PartialEntry {
  id: number;
  plate_norm: string;
  state: string | null;
}

/**
 * Alerts for one partial entry: the reads its pattern names (the search module's
 * candidates, the trigram index where the pattern has a 3-character run), states agreeing.
 */
function raisePartial(db: Db, entry: PartialEntry, readIds: number[], raisedBy: 'import' | 'entry', at: string, liveOnly: boolean): number {
  if (readIds.length === 0) return 0;
  return db
    .prepare(
      `INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at)
       SELECT e.id, r.id, r.import_id, @raisedBy, @at FROM hotlist_entries e CROSS JOIN plate_reads r
       WHERE e.id = @entry AND r.id IN (SELECT value FROM json_each(@ids)) AND (@state IS NULL OR r.state IS NULL OR r.state = @state)
         AND ${NOT_ALERTED_BEFORE}${liveOnly ? ` AND ${LIVE_READ}` : ''}
       ON CONFLICT(entry_id, read_id) DO NOTHING`,
    )
    .run({ entry: entry.id, ids: JSON.stringify(readIds), state: entry.state, raisedBy, at }).changes;
}

/**
 * New entries against the stored reads; returns how many alerts were raised on reads that
 * can be seen now (committed). Runs inside the caller's transaction.
 */
export function matchNewEntries(db: Db, selection: EntrySelection, today: string, now: Date): number {
  const { sql, params } = selectionSql(selection);
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at)
     SELECT e.id, r.id, r.import_id, 'entry', @at
     FROM hotlist_entries e CROSS JOIN plate_reads r INDEXED BY plate_reads_by_plate ON r.plate_norm = e.plate_norm
     WHERE ${sql} AND e.partial = 0 AND ${IN_FORCE} AND ${STATES_AGREE} AND ${LIVE_READ} AND ${NOT_ALERTED_BEFORE}
     ON CONFLICT(entry_id, read_id) DO NOTHING`,
  ).run({ ...params, today, at });
  const partials = db
    .prepare(`SELECT e.id, e.plate_norm, e.state FROM hotlist_entries e WHERE ${sql} AND e.partial = 1 AND ${IN_FORCE}`)
    .all({ ...params, today }) as PartialEntry[];
  for (const entry of partials) raisePartial(db, entry, readIdsMatching(db, entry.plate_norm), 'entry', at, true);
  return db
    .prepare(
      `SELECT count(*) FROM alerts a JOIN hotlist_entries e ON e.id = a.entry_id
       WHERE ${sql} AND a.import_id IN (SELECT id FROM imports WHERE status = 'committed')`,
    )
    .pluck()
    .get(params) as number;
}

/** Entries matched per transaction on import, so other writers (every gate call) never wait long. */
export const MATCH_ENTRIES_PER_TRANSACTION = 20_000;

/**
 * An import's reads (not yet committed) against the entries in force: alerts raised by
 * 'import', carrying the import's id, so they stay hidden until it commits and are
 * deleted with its rows if it does not. Runs between the import's last batch and its
 * commit (the gate's handler table wires it in), a transaction of entries per step, so the
 * app keeps answering; ends with the sentence for the progress ("2 hot-list alerts raised").
 *
 * Driven from the entries (each in-force plate probes the reads' plate index, keeping
 * the reads of this import) rather than from the reads (each of the import's reads probes
 * the entries' plate index): a list is far smaller than an import. Measured with a
 * 100,000-entry list, a 1,000,000-read import and 1,000,000 reads already stored: 130–200 ms
 * from the entries, 500–660 ms from the reads (an import of that size takes about 25 s).
 */
export function* matchImportedReads(db: Db, importId: number, now: Date): Steps<string> {
  const phase = 'matching the new reads against the hot lists';
  const today = isoDay(now);
  const at = now.toISOString();
  let raised = 0;
  const hasReads = db.prepare('SELECT 1 FROM plate_reads WHERE import_id = ? LIMIT 1').get(importId);
  const exact = db.prepare(
    `INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at)
     SELECT e.id, r.id, r.import_id, 'import', @at
     FROM hotlist_entries e INDEXED BY hotlist_entries_by_plate CROSS JOIN plate_reads r INDEXED BY plate_reads_by_plate ON r.plate_norm = e.plate_norm
     WHERE e.partial = 0 AND e.retired_at IS NULL AND e.id > @after AND e.id <= @upTo AND ${IN_FORCE} AND ${STATES_AGREE} AND r.import_id = @importId
     ON CONFLICT(entry_id, read_id) DO NOTHING`,
  );
  const ids = hasReads
    ? (db.prepare('SELECT id FROM hotlist_entries WHERE partial = 0 AND retired_at IS NULL ORDER BY id').pluck().all() as number[])
    : [];
  const partials = hasReads
    ? (db
        .prepare(`SELECT e.id, e.plate_norm, e.state FROM hotlist_entries e WHERE e.partial = 1 AND ${IN_FORCE}`)
        .all({ today }) as PartialEntry[])
    : [];
  const total = ids.length + partials.length;
  yield { done: 0, total, unit: 'entries', phase };
  for (let from = 0; from < ids.length; from += MATCH_ENTRIES_PER_TRANSACTION) {
    if (from > 0) yield { done: from, total, unit: 'entries', phase };
    const after = from === 0 ? 0 : ids[from - 1]!;
    const upTo = ids[Math.min(from + MATCH_ENTRIES_PER_TRANSACTION, ids.length) - 1]!;
    raised += db.transaction(() => exact.run({ after, upTo, today, at, importId }).changes)();
  }
  for (const [index, entry] of partials.entries()) {
    if (index % 100 === 0) yield { done: ids.length + index, total, unit: 'entries', phase };
    raised += db.transaction(() => raisePartial(db, entry, readIdsMatching(db, entry.plate_norm, { importId }), 'import', at, false))();
  }
  return `${raised.toLocaleString('en-US')} hot-list alert${raised === 1 ? '' : 's'} raised`;
}

/** How many alerts an import's reads raised, once it has committed. */
export function alertsRaisedByImport(db: Db, importId: number): number {
  return db.prepare('SELECT count(*) FROM committed_alerts WHERE import_id = ?').pluck().get(importId) as number;
}
