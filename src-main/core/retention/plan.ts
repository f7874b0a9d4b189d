import type { PurgePlan } from '../../contract/retention';
import type { KeptGroup, RetentionKeeper } from '../reads/retention-keepers';
import { invalid } from '../errors';
import type { Db } from '../store/database';

const SECOND = 1000;
const DAY_SECONDS = 86_400;

/** The vendor logs kept in their own tables, each with the column that dates a row. */
export const VENDOR_AUDIT_TABLES = [
  { table: 'vendor_audit_searches', time: 'searched_at' },
  { table: 'vendor_events', time: 'occurred_at' },
  { table: 'vendor_search_audit', time: 'searched_at' },
] as const;

export interface PurgeClock {
  asOf: Date;
  asOfIsDrill: boolean;
  periodSeconds: number;
  vendorPeriodSeconds: number;
}

/**
 * The instant a purge counts back from: now, or a drill's as-of time. A drill may only look
 * back: counting from a later time would destroy reads before their period is over.
 */
export function purgeClock(settings: { retentionDays: number; vendorAuditRetentionDays: number }, now: Date, asOf?: string): PurgeClock {
  if (asOf !== undefined && Date.parse(asOf) > now.getTime())
    throw invalid(
      'as-of-in-future',
      `A drill counts back from a time already past: ${asOf} is later than now (${now.toISOString()}), and counting from it would destroy reads before their retention period is over.`,
    );
  return {
    asOf: asOf === undefined ? now : new Date(asOf),
    asOfIsDrill: asOf !== undefined,
    periodSeconds: settings.retentionDays * DAY_SECONDS,
    vendorPeriodSeconds: settings.vendorAuditRetentionDays * DAY_SECONDS,
  };
}

/** Reads captured before this instant (ms) are past the period: capture time, whole seconds, UTC. */
export const cutOffMs = (clock: PurgeClock) => clock.asOf.getTime() - clock.periodSeconds * SECOND;
export const vendorCutOffMs = (clock: PurgeClock) => clock.asOf.getTime() - clock.vendorPeriodSeconds * SECOND;

/** Where a plan made in steps has got to: the last read taken, in capture-time order. */
export interface PlanCursor {
  capturedAt: number;
  id: number;
}

/** What the keepers keep of the reads in `purge_candidates`, under the run's clock (they take those reads out of it). */
export function keptBy(db: Db, clock: PurgeClock, keepers: readonly RetentionKeeper[]): KeptGroup[] {
  return keepers.flatMap((keeper) => keeper.keep(db, { asOf: clock.asOf, periodSeconds: clock.periodSeconds }));
}

/**
 * The purge's candidates, in the temporary table `purge_candidates`: the committed reads
 * captured before the cut-off, less every read a keeper (the holds) keeps. The preview and
 * the run both plan with this, so the preview shows exactly what the run will destroy.
 */
export function planCandidates(db: Db, clock: PurgeClock, keepers: readonly RetentionKeeper[]): KeptGroup[] {
  fillCandidates(db, 'SELECT id FROM committed_reads WHERE captured_at < ?', cutOffMs(clock));
  return keptBy(db, clock, keepers);
}

/**
 * One step of a run's plan: the next `size` reads before the cut-off after `after`, in
 * capture-time order (the time index walked from the cursor), less what the keepers keep, in
 * `purge_candidates`. `last` is the cursor for the next step, null when this one reached the
 * cut-off. A read imported meanwhile with an older capture time is left for the next run.
 */
export function planStep(
  db: Db,
  clock: PurgeClock,
  keepers: readonly RetentionKeeper[],
  after: PlanCursor,
  size: number,
): { kept: KeptGroup[]; last: PlanCursor | null } {
  const taken = fillCandidates(
    db,
    'SELECT id FROM committed_reads WHERE captured_at < ? AND (captured_at, id) > (?, ?) ORDER BY captured_at, id LIMIT ?',
    cutOffMs(clock),
    after.capturedAt,
    after.id,
    size,
  );
  const last =
    taken < size
      ? null
      : (db
          .prepare(
            'SELECT captured_at AS capturedAt, id FROM plate_reads WHERE id IN (SELECT read_id FROM purge_candidates) ORDER BY captured_at DESC, id DESC LIMIT 1',
          )
          .get() as PlanCursor);
  return { kept: keptBy(db, clock, keepers), last };
}

/** The same hold's counts from two steps of a plan, added up. */
export function mergeKept(a: readonly KeptGroup[], b: readonly KeptGroup[]): KeptGroup[] {
  const byHold = new Map<number, KeptGroup>();
  for (const group of [...a, ...b]) {
    const seen = byHold.get(group.holdId);
    byHold.set(group.holdId, seen ? { ...seen, reads: seen.reads + group.reads } : { ...group });
  }
  return [...byHold.values()].sort((x, y) => x.holdId - y.holdId);
}

/** `purge_candidates` (a temporary table) holding exactly the read ids `select` gives; returns how many. */
export function fillCandidates(db: Db, select: string, ...params: unknown[]): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS purge_candidates (read_id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM purge_candidates');
  return db.prepare(`INSERT INTO purge_candidates ${select}`).run(...params).changes;
}

export function forgetCandidates(db: Db): void {
  db.exec('DELETE FROM purge_candidates');
}

export function vendorAuditRowsPast(db: Db, clock: PurgeClock): number {
  return VENDOR_AUDIT_TABLES.reduce(
    (sum, { table, time }) =>
      sum + (db.prepare(`SELECT count(*) FROM ${table} WHERE ${time} < ?`).pluck().get(vendorCutOffMs(clock)) as number),
    0,
  );
}

const counted = (db: Db, sql: string) => db.prepare(sql).all() as { key: string; reads: number }[];

/** What the planned candidates are, counted every way a commander checks a purge before it runs. */
export function describePlan(db: Db, clock: PurgeClock, kept: KeptGroup[]): PurgePlan {
  const of = 'FROM purge_candidates p JOIN plate_reads r ON r.id = p.read_id';
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    asOf: clock.asOf.toISOString(),
    asOfIsDrill: clock.asOfIsDrill,
    retentionDays: clock.periodSeconds / DAY_SECONDS,
    vendorAuditRetentionDays: clock.vendorPeriodSeconds / DAY_SECONDS,
    cutOff: iso(cutOffMs(clock)),
    vendorAuditCutOff: iso(vendorCutOffMs(clock)),
    reads: db.prepare('SELECT count(*) FROM purge_candidates').pluck().get() as number,
    images: db.prepare('SELECT count(*) FROM read_images WHERE read_id IN (SELECT read_id FROM purge_candidates)').pluck().get() as number,
    vendorAuditRows: vendorAuditRowsPast(db, clock),
    byDay: counted(db, `SELECT date(r.captured_at / 1000, 'unixepoch') AS key, count(*) AS reads ${of} GROUP BY key ORDER BY key`),
    byCamera: counted(
      db,
      `SELECT coalesce(r.camera_label, r.camera, 'no camera named') AS key, count(*) AS reads ${of} GROUP BY key ORDER BY reads DESC, key`,
    ),
    byImport: counted(
      db,
      `SELECT 'import ' || r.import_id || ' (' || i.file_name || ')' AS key, count(*) AS reads ${of} JOIN imports i ON i.id = r.import_id GROUP BY r.import_id ORDER BY r.import_id`,
    ),
    byVendor: counted(db, `SELECT r.vendor AS key, count(*) AS reads ${of} GROUP BY key ORDER BY reads DESC, key`),
    kept,
  };
}
