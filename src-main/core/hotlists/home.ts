import { CONFIDENTIAL_SOURCES } from '../../contract/hotlists';
import type { Actor } from '../auth/sessions';
import type { HomeCounts } from '../gate/context';
import type { Db } from '../store/database';

/**
 * Unverified alerts: those without a verification (a verification's result is never
 * "unverified"), on committed reads, as `alert.list` with status unverified counts them. The
 * alerts of NCIC and state lists are left out for someone not authorised for them (427.4(e)),
 * as the list leaves them out. An index probe per alert (alert_verifications_by_alert), no read.
 */
export function countUnverifiedAlerts(db: Db, actor: Actor): number {
  const unverified = 'NOT EXISTS (SELECT 1 FROM alert_verifications v WHERE v.alert_id = a.id)';
  if (actor.confidentialAuthorized) {
    return db.prepare(`SELECT count(*) FROM committed_alerts a WHERE ${unverified}`).pluck().get() as number;
  }
  const confidential = CONFIDENTIAL_SOURCES.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT count(*) FROM committed_alerts a JOIN hotlist_entries e ON e.id = a.entry_id JOIN hotlists l ON l.id = e.list_id
       WHERE ${unverified} AND l.source NOT IN (${confidential})`,
    )
    .pluck()
    .get(...CONFIDENTIAL_SOURCES) as number;
}

/** What the home screen counts in the hot lists. */
export const hotlistHomeCounts = {
  'alerts-unverified': (ctx) => countUnverifiedAlerts(ctx.db, ctx.actor),
} satisfies HomeCounts;
