import type { RetentionKeeper } from '../reads/retention-keepers';
import { readSettings } from '../settings/settings';
import { heldReadIds, holdLabel, holdRows } from './holds';

/**
 * What the holds keep from a purge (Policy 427.5): every read under an active hold, and,
 * when the `releasedHoldClock` setting is 'release', every read whose hold was released
 * less than a retention period before the purge's as-of instant (its clock restarted at
 * the release). With 'capture' (the default) a released hold keeps nothing: a read older
 * than the period goes at the next purge. Each hold's count is taken before any read is
 * taken out, so a read under two holds counts in each.
 */
export const holdsKeeper: RetentionKeeper = (db, { asOf, periodSeconds }) => {
  const fromRelease = readSettings(db).releasedHoldClock === 'release';
  const keeping = fromRelease
    ? holdRows(db, 'WHERE h.released_at IS NULL OR h.released_at > ?', asOf.getTime() - periodSeconds * 1000)
    : holdRows(db, 'WHERE h.released_at IS NULL');
  const groups = keeping.map((row) => {
    const held = heldReadIds(row);
    const reads = db
      .prepare(`SELECT count(*) FROM purge_candidates WHERE read_id IN (${held.sql})`)
      .pluck()
      .get(...held.params) as number;
    return { row, held, reads };
  });
  for (const { held, reads } of groups) {
    if (reads > 0) db.prepare(`DELETE FROM purge_candidates WHERE read_id IN (${held.sql})`).run(...held.params);
  }
  return groups
    .filter((g) => g.reads > 0)
    .map(({ row, reads }) => ({ caseNumber: row.case_number, holdId: row.id, holdLabel: holdLabel(row), reads }));
};
