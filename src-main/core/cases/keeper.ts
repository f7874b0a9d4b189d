import type { KeptGroup, RetentionKeeper } from '../reads/retention-keepers';
import type { Db } from '../store/database';
import { readSettings } from '../settings/settings';
import { holdLabel, holdRows, keepsRead } from './holds';

/**
 * What the holds keep from a purge (Policy 427.5): every read under an active hold, and,
 * when the `releasedHoldClock` setting is 'release', every read whose hold was released
 * less than a retention period before the purge's as-of instant (its clock restarted at
 * the release). With 'capture' (the default) a released hold keeps nothing: a read older
 * than the period goes at the next purge. Each hold's count is taken before any read is
 * taken out, so a read under two holds counts in each.
 */
function keepHeldReads(db: Db, { asOf, periodSeconds }: { asOf: Date; periodSeconds: number }): KeptGroup[] {
  const fromRelease = readSettings(db).releasedHoldClock === 'release';
  const keeping = fromRelease
    ? holdRows(db, 'WHERE h.released_at IS NULL OR h.released_at > ?', asOf.getTime() - periodSeconds * 1000)
    : holdRows(db, 'WHERE h.released_at IS NULL');
  const groups = keeping.map((row) => {
    const keeps = keepsRead(row);
    // CROSS JOIN keeps the candidates outermost: without statistics for the temporary table,
    // SQLite walked the capture-time index of a query hold's window instead (0.7 s a step at 10M reads)
    const held = `SELECT c.read_id FROM purge_candidates c CROSS JOIN plate_reads r ON r.id = c.read_id WHERE ${keeps.sql}`;
    const reads = db
      .prepare(`SELECT count(*) FROM (${held})`)
      .pluck()
      .get(...keeps.params) as number;
    return { row, held, params: keeps.params, reads };
  });
  for (const { held, params, reads } of groups) {
    if (reads > 0) db.prepare(`DELETE FROM purge_candidates WHERE read_id IN (${held})`).run(...params);
  }
  return groups
    .filter((g) => g.reads > 0)
    .map(({ row, reads }) => ({ caseNumber: row.case_number, holdId: row.id, holdLabel: holdLabel(row), reads }));
}

/**
 * Moves when a hold is placed, extended or released (each writes an event) or the released-
 * hold clock setting changes: the two things that can make the holds keep more.
 */
function holdsMark(db: Db): number {
  const lastEvent = db.prepare('SELECT coalesce(max(id), 0) FROM hold_events').pluck().get() as number;
  return lastEvent * 2 + (readSettings(db).releasedHoldClock === 'release' ? 1 : 0);
}

export const holdsKeeper: RetentionKeeper = { keep: keepHeldReads, mark: holdsMark };
