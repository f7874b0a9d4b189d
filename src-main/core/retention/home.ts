import type { HomeCounts, HomeFigure } from '../gate/context';
import type { Db } from '../store/database';
import { SCHEDULE_INTERVAL_MS } from '../gate/schedule';

const minuteUtc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Reads stored: the committed plate-read imports' reads less those the purge destroyed (reads
 * leave the store only by the purge), from two small tables, so the home screen never counts
 * the plate reads themselves.
 */
export function storedReadCount(db: Db): number {
  return db
    .prepare(
      `SELECT (SELECT coalesce(sum(imported), 0) FROM imports WHERE status = 'committed' AND target = 'plate-reads')
            - (SELECT coalesce(sum(count), 0) FROM purge_tallies WHERE category = 'reads')`,
    )
    .pluck()
    .get() as number;
}

/** When the purge last ran and when it runs next, in a sentence. */
function purgeTimes(db: Db, now: Date): string {
  const last = db.prepare('SELECT id, status, started_at FROM purge_runs ORDER BY id DESC LIMIT 1').get() as
    { id: number; status: 'running' | 'finished'; started_at: string } | undefined;
  if (!last) return 'No purge has run yet: the first runs once someone signs in to the app.';
  if (last.status === 'running') return `Purge run ${last.id} has not finished: it is running, or the next run finishes it.`;
  const next = new Date(Date.parse(last.started_at) + SCHEDULE_INTERVAL_MS);
  return next > now
    ? `The last purge ran ${minuteUtc(last.started_at)}; the next runs ${minuteUtc(next.toISOString())} if the app is open, or when it next starts.`
    : `The last purge ran ${minuteUtc(last.started_at)}; the next runs when the app next starts, or now from the Retention page.`;
}

/**
 * The reads past the period now (held ones included: what holds keep is the preview's work, too
 * long for the home screen), through the capture-time index; what the store holds; the purge's times.
 */
export function retentionFigure(db: Db, retentionDays: number, now: Date): HomeFigure {
  const cutOff = now.getTime() - retentionDays * 86_400_000;
  const count = db.prepare('SELECT count(*) FROM committed_reads WHERE captured_at < ?').pluck().get(cutOff) as number;
  const oldest = db.prepare('SELECT min(captured_at) FROM committed_reads').pluck().get() as number | null;
  const stored = storedReadCount(db);
  const holds = `${stored.toLocaleString('en-US')} ${stored === 1 ? 'read' : 'reads'} stored${oldest === null ? '' : `, the oldest captured ${minuteUtc(new Date(oldest).toISOString())}`}.`;
  return { count, detail: `${holds} ${purgeTimes(db, now)}` };
}

/** What the home screen counts for retention. */
export const retentionHomeCounts = {
  'reads-past-retention': (ctx) => retentionFigure(ctx.db, ctx.settings.retentionDays, ctx.now),
} satisfies HomeCounts;
