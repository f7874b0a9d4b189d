import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpParsedInput } from '../../contract/operations';
import type { PurgeRun } from '../../contract/retention';
import { logWitness } from '../audit/outside-checkpoints';
import { chainHeadSeq } from '../audit/query';
import { failed, invalid } from '../errors';
import type { OperationContext } from '../gate/context';
import type { KeptGroup, ReadLinksRemover, RetentionKeeper } from '../reads/retention-keepers';
import type { DocumentSigner, Signers } from '../signers';
import { commitWithRecord, type AsyncSteps, type CommitWithRecord } from '../steps';
import type { Db } from '../store/database';
import { purgeCertificatePdf, type PurgeCertificateData } from './certificate';
import {
  cutOffMs,
  fillCandidates,
  forgetCandidates,
  keptBy,
  mergeKept,
  planStep,
  purgeClock,
  VENDOR_AUDIT_TABLES,
  vendorCutOffMs,
  type PlanCursor,
  type PurgeClock,
} from './plan';
import { addTallies, purgeRunRow, tallies, toPurgeRun, unfinishedRun, type PurgeRunRow } from './runs';

/**
 * How long one of the purge's transactions should hold the store: a window's calls in the
 * same process are answered between two of them, and other programs' writers (every gated
 * call logs) wait at most about that long. Plan steps and batches of reads are sized to it as
 * the run goes, within these bounds.
 */
const TRANSACTION_TARGET_MS = 200;
const BATCH_READS = { first: 2_000, least: 200, most: 20_000 };
const PLAN_READS = { first: 20_000, least: 1_000, most: 500_000 };
/**
 * After each plan step, index merge and vendor-row step the purge waits as long as it held the
 * store, up to this: SQLite's busy handler does not queue waiters, it polls at intervals
 * growing to 100 ms, so another program waiting for the write lock gets it only in a gap that
 * long (measured: without it, another program's gated search waited 4.6 s for back-to-back
 * merges; with it, 1.4 s). Batches of reads get no such gap, only a turn of this process's
 * event loop: over a thousand batches, other programs' searches and writes (each commit an
 * fsync) took every gap, and the purge of 1,000,000 reads ran five times as long
 * (bench/RESULTS.md, 2026-12-07).
 */
const OTHERS_TURN_MS = 100;
/** Vendor audit rows destroyed per transaction (small rows, no index of reads). */
const VENDOR_ROWS_PER_TRANSACTION = 10_000;
/** The page cache while the batches run, in KiB (as the import worker's): 128 MiB. */
const PURGE_CACHE_KIB = -131_072;
/** Pages of the search index one incremental merge writes (about a fifth of a second here). */
const INDEX_MERGE_PAGES = 200;

/** Run one of the purge's few long transactions, then leave other programs their turn at the store. */
async function inTurn<T>(transaction: () => T): Promise<T> {
  const started = performance.now();
  const result = transaction();
  const held = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, Math.min(OTHERS_TURN_MS, Math.ceil(held))));
  return result;
}

/** The next step's size: as many rows as fit in the target time at the last step's pace. */
function nextSize(bounds: { least: number; most: number }, size: number, tookMs: number): number {
  const fitting = Math.round((size * TRANSACTION_TARGET_MS) / Math.max(tookMs, 1));
  return Math.min(bounds.most, Math.max(bounds.least, Math.min(fitting, size * 2)));
}

export interface PurgeExtensions {
  /** what keeps reads past the period (the holds of cases) */
  keepers: readonly RetentionKeeper[];
  /** other features' rows about reads, removed with them (hot-list alerts) */
  linkRemovers: readonly ReadLinksRemover[];
  /** the department's signing certificates: each certificate is signed with the one in use when its run began */
  signers: Signers;
}

/** Where a plan starts: before every read. */
const PLAN_START: PlanCursor = { capturedAt: Number.MIN_SAFE_INTEGER, id: 0 };

/** The run's record, before its plan: the plan is made in steps (`planSteps`). */
function startRun(ctx: OperationContext, clock: PurgeClock): PurgeRunRow {
  const db = ctx.store();
  return db
    .transaction(() => {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO purge_runs(status, started_at, ran_by, ran_by_name, as_of, as_of_is_drill, period_seconds, vendor_period_seconds, first_seq, planned_reads, kept, plan_cursor)
         VALUES ('running', ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?)`,
        )
        .run(
          ctx.clock().toISOString(),
          ctx.byProgram ? null : ctx.actor.username,
          ctx.byProgram ? null : ctx.actor.fullName,
          clock.asOf.getTime(),
          clock.asOfIsDrill ? 1 : 0,
          clock.periodSeconds,
          clock.vendorPeriodSeconds,
          chainHeadSeq(db) + 1,
          JSON.stringify(PLAN_START),
        );
      return purgeRunRow(db, Number(lastInsertRowid));
    })
    .immediate();
}

const runClock = (row: PurgeRunRow): PurgeClock => ({
  asOf: new Date(row.as_of),
  asOfIsDrill: row.as_of_is_drill === 1,
  periodSeconds: row.period_seconds,
  vendorPeriodSeconds: row.vendor_period_seconds,
});

/** What the keepers say now: when it differs from what a run last saw, a hold may keep more. */
const keepersMark = (db: Db, keepers: readonly RetentionKeeper[]) => keepers.map((keeper) => keeper.mark(db)).join(' ');

/**
 * One step of the plan, in one transaction: the next reads past the cut-off from where the
 * plan has got to (read from the store, so two programs working one run take turns), less
 * what the holds keep, into `purge_plan`; the holds' counts added to the run's. Returns how
 * many reads it planned and whether the plan is now whole.
 */
function planNextStep(db: Db, runId: number, size: number, keepers: readonly RetentionKeeper[]): { whole: boolean } {
  return db
    .transaction(() => {
      const row = purgeRunRow(db, runId);
      if (row.plan_cursor === null) return { whole: true };
      const step = planStep(db, runClock(row), keepers, JSON.parse(row.plan_cursor) as PlanCursor, size);
      const planned = db
        .prepare('INSERT OR IGNORE INTO purge_plan(run_id, read_id) SELECT ?, read_id FROM purge_candidates')
        .run(runId).changes;
      forgetCandidates(db);
      db.prepare('UPDATE purge_runs SET planned_reads = planned_reads + ?, kept = ?, plan_cursor = ? WHERE id = ?').run(
        planned,
        JSON.stringify(mergeKept(JSON.parse(row.kept) as KeptGroup[], step.kept)),
        step.last === null ? null : JSON.stringify(step.last),
        runId,
      );
      return { whole: step.last === null };
    })
    .immediate();
}

/**
 * A hold placed while the run works (in this window or by another program) keeps its reads:
 * the keepers are asked again of every read still to be destroyed, those they keep leave the
 * plan, and their counts join the run's. Called inside a batch's transaction.
 */
function keepAgain(db: Db, runId: number, keepers: readonly RetentionKeeper[]): void {
  const row = purgeRunRow(db, runId);
  fillCandidates(db, 'SELECT read_id FROM purge_plan WHERE run_id = ? AND done = 0', runId);
  const kept = keptBy(db, runClock(row), keepers);
  const released = db
    .prepare('DELETE FROM purge_plan WHERE run_id = ? AND done = 0 AND read_id NOT IN (SELECT read_id FROM purge_candidates)')
    .run(runId).changes;
  forgetCandidates(db);
  db.prepare('UPDATE purge_runs SET planned_reads = planned_reads - ?, kept = ? WHERE id = ?').run(
    released,
    JSON.stringify(mergeKept(JSON.parse(row.kept) as KeptGroup[], kept)),
    runId,
  );
}

/**
 * Destroy one batch of the plan in one transaction: other features' links, the images' key
 * rows (each file unreadable from the commit on, whatever happens to it), the search-index
 * rows, the reads. The files to unlink are noted in the same transaction; a read is either
 * fully present or fully gone. First, if the keepers' mark has moved since `seenMark` (a hold
 * placed meanwhile), they are asked again. The plan is worked in id order: `after` is the last
 * id a batch took (the plan's primary key seeks past it, not over every id already done).
 * Returns how many planned reads went (0: the plan is done), the last id taken, the run's
 * planned total now, and the keepers' mark it saw.
 */
function destroyBatch(
  db: Db,
  runId: number,
  after: number,
  size: number,
  seenMark: string | null,
  extensions: PurgeExtensions,
): { planned: number; last: number; total: number; mark: string } {
  return db
    .transaction(() => {
      const mark = keepersMark(db, extensions.keepers);
      if (mark !== seenMark) keepAgain(db, runId, extensions.keepers);
      db.exec('CREATE TEMP TABLE IF NOT EXISTS purge_batch (read_id INTEGER PRIMARY KEY)');
      db.exec('DELETE FROM purge_batch');
      db.prepare(
        'INSERT INTO purge_batch SELECT read_id FROM purge_plan WHERE run_id = ? AND read_id > ? AND done = 0 ORDER BY read_id LIMIT ?',
      ).run(runId, after, size);
      const last = (db.prepare('SELECT max(read_id) FROM purge_batch').pluck().get() as number | null) ?? after;
      const inBatch = 'SELECT read_id FROM purge_batch';
      const alerts = extensions.linkRemovers.reduce((sum, remove) => sum + remove(db).alerts, 0);
      db.prepare(
        `INSERT OR IGNORE INTO purge_files(file) SELECT file FROM read_images WHERE file IS NOT NULL AND read_id IN (${inBatch})`,
      ).run();
      const images = db.prepare(`DELETE FROM read_images WHERE read_id IN (${inBatch})`).run().changes;
      const searchIndexRows = db.prepare(`DELETE FROM plate_search WHERE rowid IN (${inBatch})`).run().changes;
      const reads = db.prepare(`DELETE FROM plate_reads WHERE id IN (${inBatch})`).run().changes;
      const planned = db.prepare(`UPDATE purge_plan SET done = 1 WHERE run_id = ? AND read_id IN (${inBatch})`).run(runId).changes;
      addTallies(db, runId, { reads, images, searchIndexRows, alerts });
      db.exec('DELETE FROM purge_batch');
      return { planned, last, total: purgeRunRow(db, runId).planned_reads, mark };
    })
    .immediate();
}

/** Unlink the image files whose keys are already destroyed (this run's, or a killed run's left over). */
function unlinkShreddedFiles(db: Db, imagesRoot: string): void {
  const files = db.prepare('SELECT file FROM purge_files').pluck().all() as string[];
  if (files.length === 0) return;
  for (const file of files) fs.rmSync(path.join(imagesRoot, file), { force: true });
  // then forgotten in one transaction (not one commit per file); killed before it, they are removed again, harmlessly
  const forget = db.prepare('DELETE FROM purge_files WHERE file = ?');
  db.transaction(() => {
    for (const file of files) forget.run(file);
  })();
}

/**
 * The search index (FTS5, contentless-delete) does not remove a deleted row's entries: it
 * marks the row deleted, and its trigrams and id stay in the index's pages, from which the
 * destroyed plate could be read back with the key. FTS5's incremental merges with a negative
 * page count bring every segment together, dropping the deleted rows, as 'optimize' would, but
 * a bounded number of pages per transaction (at 10M reads, one 'optimize' held the store 21 s);
 * `secure_delete` zeroes the old pages. Returns whether a step did any work: the index is
 * rewritten when one does none. Run once the batches are done, and again by a run that takes
 * up one cut short.
 */
function mergeSearchIndex(db: Db): boolean {
  return db
    .transaction(() => {
      const changes = db.prepare('SELECT total_changes()').pluck();
      const before = changes.get() as number;
      db.prepare("INSERT INTO plate_search(plate_search, rank) VALUES ('merge', ?)").run(-INDEX_MERGE_PAGES);
      // FTS5's sign of work done: total_changes() moves by 2 or more
      return (changes.get() as number) - before >= 2;
    })
    .immediate();
}

/** Vendor audit rows past their own period, in bounded transactions. */
async function destroyVendorAuditRows(db: Db, runId: number, cutOff: number): Promise<void> {
  for (const { table, time } of VENDOR_AUDIT_TABLES) {
    const remove = db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${time} < ? LIMIT ?)`);
    const destroyStep = db.transaction(() => {
      const n = remove.run(cutOff, VENDOR_ROWS_PER_TRANSACTION).changes;
      addTallies(db, runId, { vendorAuditRows: n });
      return n;
    });
    while ((await inTurn(() => destroyStep.immediate())) > 0);
  }
}

/** SHA-256 of the destroyed read ids, ascending, one per line, each line ending "\n". */
function destroyedIdsSha256(db: Db, runId: number): string {
  const hash = crypto.createHash('sha256');
  for (const id of db
    .prepare('SELECT read_id FROM purge_plan WHERE run_id = ? ORDER BY read_id')
    .pluck()
    .iterate(runId) as IterableIterator<number>)
    hash.update(`${id}\n`);
  return hash.digest('hex');
}

function certificateData(
  db: Db,
  workspaceId: string,
  row: PurgeRunRow,
  department: string | null,
  finishedAt: Date,
  idsHash: string,
  signer: DocumentSigner | undefined,
): PurgeCertificateData {
  const witness = logWitness(db, workspaceId);
  const clock = runClock(row);
  return {
    department,
    runId: row.id,
    ranBy: row.ran_by === null ? 'scheduled' : { name: row.ran_by_name ?? row.ran_by, username: row.ran_by },
    startedAt: row.started_at,
    finishedAt: finishedAt.toISOString(),
    asOf: clock.asOf.toISOString(),
    asOfIsDrill: clock.asOfIsDrill,
    retentionDays: row.period_seconds / 86_400,
    vendorAuditRetentionDays: row.vendor_period_seconds / 86_400,
    cutOff: new Date(cutOffMs(clock)).toISOString(),
    vendorAuditCutOff: new Date(vendorCutOffMs(clock)).toISOString(),
    destroyed: tallies(db, row.id),
    kept: JSON.parse(row.kept) as PurgeCertificateData['kept'],
    destroyedReadIdsSha256: idsHash,
    // the entries written while the run worked; its own entry follows and carries the certificate's SHA-256
    accessLogSequences: { first: row.first_seq, last: witness.seq },
    accessLogHeadHash: witness.headHash,
    ...(signer ? { signedBy: { name: signer.name, fingerprint: signer.fingerprint } } : {}),
  };
}

const destroying = 'destroying reads past the retention period';

/** The plan, step by step, each sized to the target time at the last one's pace, with progress after each. */
async function* planSteps(ctx: OperationContext, runId: number, keepers: readonly RetentionKeeper[]) {
  for (let size = PLAN_READS.first; ;) {
    const started = performance.now();
    const { whole } = await inTurn(() => planNextStep(ctx.store(), runId, size, keepers));
    if (whole) return;
    size = nextSize(PLAN_READS, size, performance.now() - started);
    const planned = purgeRunRow(ctx.store(), runId).planned_reads;
    yield { done: 0, total: null, unit: 'reads' as const, phase: `finding the reads past the retention period: ${planned} so far` };
  }
}

/** The plan's batches, each sized to the target time at the last one's pace, with progress after each. */
function* destroyPlan(ctx: OperationContext, runId: number, doneBefore: number, seenMark: string | null, extensions: PurgeExtensions) {
  let done = doneBefore;
  for (let after = 0, size = BATCH_READS.first, mark = seenMark; ;) {
    const started = performance.now();
    const batch = destroyBatch(ctx.store(), runId, after, size, mark, extensions);
    if (batch.planned === 0) return;
    size = nextSize(BATCH_READS, size, performance.now() - started);
    after = batch.last;
    mark = batch.mark;
    done += batch.planned;
    unlinkShreddedFiles(ctx.store(), ctx.files.images);
    yield { done, total: batch.total, unit: 'reads' as const, phase: destroying };
  }
}

/**
 * The purge (Policy 427.5), as a job: plan (or take up the plan of a run cut short), destroy
 * it batch by batch, then the vendor audit rows past their period, then write the
 * certificate. The gate records the run's end with the certificate's SHA-256, in the same
 * transaction that marks the run finished; the WAL is then checkpointed (TRUNCATE), so the
 * destroyed pages do not linger in it (`secure_delete` zeroes them in the database).
 */
export function purgeRunner(extensions: PurgeExtensions) {
  return async function* runPurge(
    ctx: OperationContext,
    input: OpParsedInput<'purge.run'>,
  ): AsyncSteps<PurgeRun | CommitWithRecord<PurgeRun>> {
    if (running.has(ctx.files.dir))
      throw invalid(
        'purge-running',
        'A purge is already running on this workspace; its certificate is listed on the Retention page when it ends.',
      );
    running.add(ctx.files.dir);
    try {
      return yield* purgeSteps(ctx, input, extensions);
    } finally {
      running.delete(ctx.files.dir);
    }
  };
}

/** Workspaces (by folder) this process is purging: one purge at a time each. */
const running = new Set<string>();

async function* purgeSteps(
  ctx: OperationContext,
  input: OpParsedInput<'purge.run'>,
  extensions: PurgeExtensions,
): AsyncSteps<PurgeRun | CommitWithRecord<PurgeRun>> {
  const db = ctx.store();
  // asked first, so an expired signing certificate stops the run before anything is destroyed
  const signing = extensions.signers.current(db, ctx.now);
  const resumed = unfinishedRun(db);
  // what the holds said before planning: a hold placed from here on is seen by the batches (a
  // run taken up asks the holds again at its first batch)
  const seenMark = resumed ? null : keepersMark(db, extensions.keepers);
  const run =
    resumed ??
    startRun(ctx, purgeClock(ctx.settings, ctx.now, input.asOf ?? (ctx.byProgram ? undefined : (ctx.settings.purgeAsOf ?? undefined))));
  ctx.touch({
    purgeRun: run.id,
    resumed: resumed !== undefined,
    asOf: new Date(run.as_of).toISOString(),
    asOfIsDrill: run.as_of_is_drill === 1,
  });
  const taking = resumed ? `finishing purge run ${run.id}, cut short earlier: ` : '';
  yield { done: 0, total: null, unit: 'reads', phase: `${taking}finding the reads past the retention period` };
  yield* planSteps(ctx, run.id, extensions.keepers);
  const planned = purgeRunRow(db, run.id).planned_reads;
  ctx.touch({ purgeRun: run.id, plannedReads: planned });
  // a run taken up has its earlier batches done; counted once, then as batches go
  const done = resumed ? (db.prepare('SELECT count(*) FROM purge_plan WHERE run_id = ? AND done = 1').pluck().get(run.id) as number) : 0;
  yield { done, total: planned, unit: 'reads', phase: `${taking}${destroying}` };
  unlinkShreddedFiles(db, ctx.files.images);
  // the batches rewrite pages of indexes in random order (plates, natural keys): a larger cache
  // while they run, as an import has, saves writing the same pages again batch after batch
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size=${PURGE_CACHE_KIB}`);
  try {
    yield* destroyPlan(ctx, run.id, done, seenMark, extensions);
  } finally {
    db.pragma(`cache_size=${cacheSize}`);
  }
  const total = purgeRunRow(db, run.id).planned_reads;
  const rewriting = 'rewriting the search index without the destroyed plates';
  yield { done: total, total, unit: 'reads', phase: rewriting };
  while (await inTurn(() => mergeSearchIndex(db))) yield { done: total, total, unit: 'reads', phase: rewriting };
  yield { done: total, total, unit: 'reads', phase: 'destroying vendor audit rows past their period' };
  await destroyVendorAuditRows(db, run.id, vendorCutOffMs(runClock(purgeRunRow(db, run.id))));
  yield { done: total, total, unit: 'reads', phase: 'writing the purge certificate' };
  const finishedAt = ctx.clock();
  const data = certificateData(
    ctx.store(),
    ctx.workspaceId,
    purgeRunRow(ctx.store(), run.id),
    ctx.settings.departmentName,
    finishedAt,
    destroyedIdsSha256(ctx.store(), run.id),
    signing?.signer,
  );
  const certificate = await purgeCertificatePdf(data, signing?.signer);
  return commitWithRecord({
    commit(store) {
      const { changes } = store
        .prepare(
          "UPDATE purge_runs SET status = 'finished', finished_at = ?, destroyed = ?, destroyed_ids_sha256 = ?, certificate = ?, certificate_sha256 = ?, signing_certificate_id = ? WHERE id = ? AND status = 'running'",
        )
        .run(
          data.finishedAt,
          JSON.stringify(data.destroyed),
          data.destroyedReadIdsSha256,
          JSON.stringify(data),
          certificate.sha256,
          signing?.certificateId ?? null,
          run.id,
        );
      // Another program on this workspace (the app and a command at once) worked the same plan
      // and finished it first: its certificate stands; this one is not written.
      if (changes === 0)
        throw failed(
          'purge-finished-elsewhere',
          `Purge run ${run.id} was finished meanwhile by another window or command; its certificate is listed.`,
        );
      store.prepare('DELETE FROM purge_plan WHERE run_id = ?').run(run.id);
      ctx.touch({
        purgeRun: run.id,
        destroyed: JSON.stringify(data.destroyed),
        destroyedReadIdsSha256: data.destroyedReadIdsSha256,
        certificateSha256: certificate.sha256,
      });
    },
    output: (store) => toPurgeRun(purgeRunRow(store, run.id)),
    settled(committed) {
      if (committed) truncateWal(() => ctx.store());
    },
  });
}

/** A WAL another connection holds is tried again this often, for this long, after a purge. */
const WAL_RETRY = { everyMs: 200, forMs: 60_000 };

/**
 * Empty the WAL (TRUNCATE), so the pages the purge changed, and older frames holding what it
 * destroyed, do not linger in it. Another connection reading an older snapshot (a command's
 * export, a search in another window) keeps it from being reset: the checkpoint is then tried
 * again every 200 ms for a minute, each time without the busy handler, which would hold every
 * call of this process for up to its 5 s. When the last connection closes, SQLite folds the
 * WAL in and removes it in any case.
 */
function truncateWal(store: () => Db, until = Date.now() + WAL_RETRY.forMs): void {
  let db: Db;
  try {
    db = store();
  } catch {
    return; // closed meanwhile: closing folded the WAL in
  }
  if (!db.open) return;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout=0');
  let busy: boolean;
  try {
    busy = (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy === 1;
  } finally {
    db.pragma(`busy_timeout=${busyTimeout}`);
  }
  if (busy && Date.now() < until) setTimeout(() => truncateWal(store, until), WAL_RETRY.everyMs).unref();
}

/** A finished run's certificate, made again from what was stored: the same data gives the same bytes. */
export async function purgeCertificate(db: Db, runId: number, signers: Signers): Promise<{ bytes: Buffer; sha256: string }> {
  const row = purgeRunRow(db, runId);
  if (row.status !== 'finished' || row.certificate === null)
    throw invalid(
      'purge-unfinished',
      `Purge run ${runId} has not finished: run the purge again to finish it, then its certificate is written.`,
    );
  const signer = row.signing_certificate_id === null ? undefined : signers.byId(db, row.signing_certificate_id);
  const document = await purgeCertificatePdf(JSON.parse(row.certificate) as PurgeCertificateData, signer);
  if (document.sha256 !== row.certificate_sha256) {
    throw failed(
      'certificate-differs',
      `The certificate of purge run ${runId} made again does not match the SHA-256 recorded when it ran (${row.certificate_sha256}).`,
    );
  }
  return document;
}
