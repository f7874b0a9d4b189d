/**
 * Benchmark of the retention purge (`purge.run`, src-main/core/retention) in a real encrypted
 * workspace, beside a bare DELETE of the same reads on a byte-for-byte copy of the same store
 * (same table, same indexes) in the same run.
 *
 *   npm run bench:purge                        # 10,000,000 reads, 1,000,000 expired, 100,000 with images (the issue's size)
 *   npm run bench:purge -- --reads 200000      # a quick run (a tenth expired, a hundredth with images, as at 10M)
 *   npm run bench:purge -- --merge-pages 0     # without the merge alternative (M)
 *
 * The store is built once per size and kept (it takes minutes at 10M): a workspace under
 * os.tmpdir()/custodian-bench-purge-<reads> (generated data only, its password below);
 * `--rebuild` builds it again. Each run copies it (the purge destroys what it measures), into a
 * temp folder removed at the end. Built the fast way a bulk loader would (rows and trigram rows
 * first, then the read indexes, with their own SQL), with the app's schema (every migration):
 *   - reads of a pool of 30 % as many vehicles, 40 cameras; the first tenth captured in the ten
 *     days before the cut-off (now less the 30-day period), the rest after it;
 *   - every tenth expired read with an image, sealed and written as the import does
 *     (`sealImage`: its own AES-256-GCM key in `read_images`, the file under images/); one
 *     kept read in a thousand too;
 *   - a hot list with an alert on one expired read in a hundred (a third verified) and on one
 *     kept read in 10,000;
 *   - a case with holds placed through the gate (`hold.place`): chosen reads (1 expired read in
 *     250, half of them with images, and 1 in 500 with an alert) and a query hold (`8A*`
 *     captured in the expired days: about 1 read in 900).
 *
 * Phases of a run:
 *   B0  baseline: on the copy, in one transaction, `DELETE FROM plate_search WHERE rowid IN
 *       (SELECT id FROM plate_reads WHERE captured_at < ?)` and `DELETE FROM plate_reads WHERE
 *       captured_at < ?`, the app's connection settings (WAL, synchronous=FULL,
 *       secure_delete=ON) but foreign keys off: nothing but the rows and their index entries
 *   P   `purge.run` through the gate as a job (`Workspace.startJob`, as the app and the CLI run
 *       it), timed phase by phase from the job's progress (each phase begins when the step
 *       before it has reported): plan (the run's record and its plan in steps of 1,000 to
 *       500,000 reads, holds applied), batches (the reads with their images' keys and files,
 *       alerts and trigram rows, 200 to 20,000 a transaction, sized to take about 200 ms),
 *       index rewrite (bounded FTS5 merges, a transaction each), vendor rows,
 *       certificate (the ids' hash, the PDF, the commit with its access-log entry, the TRUNCATE
 *       checkpoint). While it runs:
 *       S1 `search.plates` from this process every 100 ms, answered between the job's steps
 *          (the desktop app: its window's calls and the job share one process), latency
 *          counted from when the search was due;
 *       and from other processes with the workspace open (the CLI beside the app), every 50 ms:
 *       S2 `search.plates` through the gate (its access-log entry is written in the same
 *          IMMEDIATE transaction: a gated search needs the write lock);
 *       R  the same searches as plain reads (`searchReads` on that process's own connection,
 *          no gate): what WAL readers see;
 *       W  an access-log-sized INSERT in an IMMEDIATE transaction, busy_timeout 120 s: how long
 *          another connection's write waits (the app gives up at 5 s).
 *   M   the alternative to 'optimize' (bench only; `--merge-pages N`, 1,000 by default, 0 skips
 *       it): on another copy, the batches' index deletes, then `INSERT INTO
 *       plate_search(plate_search, rank) VALUES ('merge', -N)` in bounded transactions until
 *       total_changes() stops moving, with S2, R and W running.
 * Then the checks (exit 1 if any fails): exactly the expired reads less the held ones are
 * gone, with their images (rows and files), trigram rows and alerts; every held read and
 * every kept read is there with its images and alerts; the certificate's counts agree; the
 * search index's leaf pages, read entry by entry (the reader proved first on the index as
 * built, against the reads' own trigrams), list no destroyed read and every read left, with no
 * tombstones; the access log verifies. Targets (issue): P < 15 s; P's reads/s ≥ 0.5 × B0's;
 * every search (S1, S2) answered within 1 s.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { searchQuerySchema, type SearchQueryInput } from '../src-main/contract/search';
import type { PurgeRun } from '../src-main/contract/retention';
import type { JobProgress } from '../src-main/contract/transport';
import { ocrForm, trigrams } from '../src-main/core/reads/plates';
import { sealImage } from '../src-main/core/reads/images';
import { searchReads } from '../src-main/core/search/query';
import { openEncrypted, type Db } from '../src-main/core/store/database';
import { Workspace } from '../src-main/core/workspace';
import { plate, Random } from '../test/fixtures/random';
import { leafTermOffsets, varint } from '../test/support/sqlcipher-pages';
import { fmtInt, fmtMB, startRssSampler } from './support';

const SEED = 0x9a19e;
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-08T09:00:00.000Z');
const PERIOD_DAYS = 30; // the default retention period (settings)
const CUT_OFF = NOW - PERIOD_DAYS * DAY;
const EXPIRED_FROM = CUT_OFF - 10 * DAY;
/** A clock that stands still, so no session idles out however long the seeding takes; both processes share it. */
const clock = { now: () => new Date(NOW) };
const COMMANDER = { username: 'lthompson', fullName: 'Laura Thompson', password: 'Parsons-Records-2026!' };
const MEMBER = { username: 'jmorales', fullName: 'Jordan Morales', password: 'Patrol-Unit-Fourteen-14' };
const ACCESS = { caseNumber: '26-0427', purpose: 'Looking for the vehicle in the Oak Ave hit and run' };
/** the query hold: plates starting 8A, captured in the expired days */
const HOLD_PATTERN = '8A*';
const TARGETS = { seconds: 15, ratio: 0.5, searchMs: 1000 };
const IN_PROCESS_EVERY_MS = 100;
const OTHER_PROCESS_EVERY_MS = 50;
const BATCH = 100_000;

/** Pages of index each incremental merge writes (`--merge-pages`; 0 skips the alternative). */
const MERGE_PAGES = 1000;

interface Args {
  reads: number;
  rebuild: boolean;
  mergePages: number;
  mergePause: number;
  mergeOnly: boolean;
  phase?: 'probe';
  probe?: ProbeKind;
  dir?: string;
}

function parseCommandLine(): Args {
  const { values } = parseArgs({
    options: {
      reads: { type: 'string' },
      rebuild: { type: 'boolean' },
      'merge-pages': { type: 'string' },
      'merge-pause': { type: 'string' },
      'merge-only': { type: 'boolean' },
      phase: { type: 'string' },
      probe: { type: 'string' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  const reads = Number((values.reads ?? '10000000').replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(reads) || reads < 10_000 || reads % 1000 !== 0)
    throw new Error(`--reads must be a whole number of thousands, at least 10,000, not "${values.reads}"`);
  const mergePages = Number(values['merge-pages'] ?? MERGE_PAGES);
  if (!Number.isSafeInteger(mergePages) || mergePages < 0)
    throw new Error(`--merge-pages must be a whole number, not "${values['merge-pages']}"`);
  const mergePause = Number(values['merge-pause'] ?? '0');
  if (!Number.isSafeInteger(mergePause) || mergePause < 0)
    throw new Error(`--merge-pause must be a whole number of ms, not "${values['merge-pause']}"`);
  if (values['merge-only'] && mergePages === 0) throw new Error('--merge-only needs --merge-pages above 0');
  if (values.phase !== undefined && values.phase !== 'probe') throw new Error(`--phase is for the bench itself, not "${values.phase}"`);
  const probe = values.probe as ProbeKind | undefined;
  if (values.phase === 'probe' && !['search', 'read', 'write'].includes(probe ?? ''))
    throw new Error(`--probe is for the bench itself, not "${values.probe}"`);
  return {
    reads,
    rebuild: values.rebuild ?? false,
    mergePages,
    mergePause,
    mergeOnly: values['merge-only'] ?? false,
    phase: values.phase,
    probe,
    dir: values.dir,
  };
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const sleep = (wait: number) => new Promise((resolve) => setTimeout(resolve, wait));

/** What a store of `reads` reads holds, as pure functions of the read's index i (its id is i + 1). */
function layout(reads: number) {
  const expired = reads / 10;
  return {
    reads,
    expired,
    pool: Math.max(1000, Math.floor(reads * 0.3)),
    capturedAt: (i: number) =>
      i < expired
        ? EXPIRED_FROM + Math.floor((i * (10 * DAY - 1000)) / expired)
        : CUT_OFF + 1000 + Math.floor(((i - expired) * (PERIOD_DAYS * DAY - 2000)) / (reads - expired)),
    hasImage: (i: number) => (i < expired ? i % 10 === 0 : i % 1000 === 0),
    hasAlert: (i: number) => (i < expired ? i % 100 === 55 : i % 10_000 === 5),
    /** chosen for the hold on reads: half with images, some alerted */
    chosen: (i: number) => i < expired && (i % 500 === 0 || i % 500 === 3 || i % 500 === 55),
  };
}

/** The pool of vehicles: plate i is a pure function of i. */
const vehicle = (i: number) => plate(new Random((Math.imul(i + 1, 0x9e3779b1) ^ SEED) >>> 0));
const jpeg = (i: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`plate image of read ${i + 1}`), Buffer.from([0xff, 0xd9])]);

function seedReads(db: Db, imagesRoot: string, reads: number): void {
  const l = layout(reads);
  const at = clock.now().toISOString();
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by)
         VALUES ('bench-reads.csv', 0, '', 'csv', 'bench', 'plate-reads', 'UTC', 'running', ?, 1, ?)`,
      )
      .run(at, COMMANDER.username).lastInsertRowid,
  );
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plate_reads' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  const insert = db.prepare(
    `INSERT INTO plate_reads(id, import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, state, captured_at, captured_text,
       camera, confidence, make, color) VALUES (?, ?, ?, ?, 'flock', ?, ?, ?, ?, '', ?, ?, ?, ?)`,
  );
  const index = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
  const image = db.prepare(
    `INSERT INTO read_images(read_id, import_id, kind, file, key, nonce, tag, size, sha256, media_type)
     VALUES (?, ?, 'plate', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const listId = Number(
    db
      .prepare(
        "INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES ('Bench BOLO', 'local', 1, ?, ?, ?)",
      )
      .run(COMMANDER.fullName, at, at).lastInsertRowid,
  );
  const entry = db.prepare(
    'INSERT INTO hotlist_entries(list_id, plate_raw, plate_norm, partial, added_by, added_by_name, added_at) VALUES (?, ?, ?, 0, 1, ?, ?)',
  );
  const alert = db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (?, ?, ?, 'import', ?)");
  const verify = db.prepare(
    `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at)
     VALUES (?, 'NCIC', 'confirmed', ?, 'bench', 1, ?, ?)`,
  );
  const random = new Random(SEED);
  const states = ['CA', 'CA', 'CA', 'NV', 'OR', 'AZ'];
  const makes = ['Toyota', 'Honda', 'Ford', 'Tesla', 'Kia', 'Chevrolet'];
  const colors = ['White', 'Black', 'Grey', 'Silver', 'Red', 'Blue'];
  const hashes = Buffer.alloc(8 * BATCH);
  const t0 = process.hrtime.bigint();
  let alerts = 0;
  for (let from = 0; from < reads; from += BATCH) {
    crypto.randomFillSync(hashes);
    db.transaction(() => {
      for (let i = from; i < Math.min(reads, from + BATCH); i++) {
        const p = vehicle(random.int(0, l.pool - 1));
        const id = i + 1;
        insert.run(
          id,
          importId,
          id + 1,
          hashes.readBigInt64LE(8 * (i - from)),
          p,
          p,
          random.pick(states),
          l.capturedAt(i),
          `cam-${random.int(1, 40)}`,
          random.int(500, 999) / 1000,
          random.pick(makes),
          random.pick(colors),
        );
        index.run(id, ocrForm(p));
        if (l.hasImage(i)) {
          const sealed = sealImage(imagesRoot, importId, jpeg(i));
          image.run(id, importId, sealed.file, sealed.key, sealed.nonce, sealed.tag, sealed.size, sealed.sha256, sealed.mediaType);
        }
        if (l.hasAlert(i)) {
          const entryId = Number(entry.run(listId, p, p, COMMANDER.fullName, at).lastInsertRowid);
          const alertId = Number(alert.run(entryId, id, importId, at).lastInsertRowid);
          if (alerts++ % 3 === 0) verify.run(alertId, at, COMMANDER.username, at);
        }
      }
    })();
    if ((from / BATCH) % 10 === 9) process.stdout.write(`    ${fmtInt(from + BATCH)} reads, ${seconds(t0).toFixed(0)} s\n`);
  }
  console.log(`    rows, images and trigram index in ${seconds(t0).toFixed(0)} s; now the read indexes`);
  const t1 = process.hrtime.bigint();
  for (const { sql } of indexes) db.exec(sql);
  db.exec("INSERT INTO plate_search(plate_search) VALUES ('optimize')");
  const images = db.prepare('SELECT count(*) FROM read_images').pluck().get() as number;
  db.prepare("UPDATE imports SET status = 'committed', finished_at = ?, rows_read = ?, imported = ?, images = ? WHERE id = ?").run(
    at,
    reads,
    reads,
    images,
    importId,
  );
  console.log(`    indexes in ${seconds(t1).toFixed(0)} s`);
}

/** The workspace, its people (both trained), the reads, and the holds placed through the gate. */
function build(dir: string, reads: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  Workspace.init(dir, { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password }, { clock });
  const ws = Workspace.open(dir, { clock });
  try {
    const token = ws.signIn(COMMANDER.username, COMMANDER.password).token;
    ws.call(token, 'user.add', { username: MEMBER.username, fullName: MEMBER.fullName, roles: ['member'], password: MEMBER.password });
    for (const username of [COMMANDER.username, MEMBER.username])
      ws.call(token, 'training.record', { username, course: 'ALPR Operator Training', completedOn: '2026-11-01' });
    const db = ws.database()!;
    db.pragma('cache_size=-262144');
    seedReads(db, path.join(dir, 'images'), reads);
    db.pragma('cache_size=-2000');
    const l = layout(reads);
    ws.call(token, 'case.create', {
      number: ACCESS.caseNumber,
      title: 'Hit and run, Oak Ave',
      type: 'Traffic felony',
      lead: 'Det. R. Ortiz',
    });
    const chosen = Array.from({ length: l.expired }, (_, i) => i)
      .filter(l.chosen)
      .map((i) => i + 1);
    for (let from = 0; from < chosen.length; from += 10_000)
      ws.call(token, 'hold.place', { caseNumber: ACCESS.caseNumber, reason: 'evidence', readIds: chosen.slice(from, from + 10_000) });
    const query = ws.call(token, 'hold.place', {
      caseNumber: ACCESS.caseNumber,
      reason: 'investigation',
      query: { plate: HOLD_PATTERN, from: new Date(EXPIRED_FROM).toISOString(), to: new Date(CUT_OFF).toISOString() },
    });
    console.log(
      `    holds: ${fmtInt(chosen.length)} chosen reads, ${fmtInt(query.reads)} reads matching ${HOLD_PATTERN} in the expired days`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    ws.call(token, 'session.signOut', {});
  } finally {
    ws.close();
  }
}

function builtStore(reads: number, rebuild: boolean): string {
  const home = path.join(os.tmpdir(), `custodian-bench-purge-${reads}`);
  const dir = path.join(home, 'workspace');
  if (rebuild || !fs.existsSync(path.join(home, 'built'))) {
    fs.mkdirSync(home, { recursive: true });
    fs.rmSync(path.join(home, 'built'), { force: true });
    console.log(`Building the store: ${fmtInt(reads)} reads in ${dir}`);
    const t0 = process.hrtime.bigint();
    build(dir, reads);
    fs.writeFileSync(path.join(home, 'built'), new Date().toISOString());
    console.log(`    built in ${seconds(t0).toFixed(0)} s`);
  } else console.log(`Using the store built earlier in ${dir} (--rebuild to build it again)`);
  console.log(`    ${fmtMB(fs.statSync(path.join(dir, 'custodian.db')).size)} MB on disk`);
  return dir;
}

/** The searches: exact plates of the pool and `*XXXX*` with four characters of one. */
function searchQueries(reads: number, count: number): SearchQueryInput[] {
  const random = new Random(SEED ^ 0x77);
  const pool = layout(reads).pool;
  return Array.from({ length: count }, (_, n) => {
    const p = vehicle(random.int(0, pool - 1));
    if (n % 2 === 0) return { plate: p };
    const at = random.int(0, p.length - 4);
    return { plate: `*${p.slice(at, at + 4)}*` };
  });
}

// ---------------------------------------------------------------------------
// Probes: what other connections see while the purge (or the merge alternative) runs
// ---------------------------------------------------------------------------

/** Wall-clock milliseconds with sub-millisecond precision, comparable between this process and the probes. */
const epoch = () => performance.timeOrigin + performance.now();

/** One probe: when it started (epoch ms), how long it took (ms), and why it failed if it did. */
type Sample = [at: number, ms: number, error?: string];
type ProbeKind = 'search' | 'read' | 'write';

/** The bench's own table for the writer probe; dropped before the access log is verified (its schema check would name it). */
const PROBE_TABLE = 'bench_probe_writes';
/** The app's busy_timeout (store/database.ts): a write that waits longer fails with SQLITE_BUSY in the app. */
const APP_BUSY_TIMEOUT_MS = 5000;
/** The writer probe waits this long, so its longest wait is measured rather than cut off at the app's limit. */
const PROBE_BUSY_TIMEOUT_MS = 120_000;

/**
 * A probe process: opens the workspace (a second program beside the app, as the CLI would),
 * signs in, says "ready", probes every OTHER_PROCESS_EVERY_MS until its stdin says stop, then
 * prints its samples.
 *   search  `search.plates` through the gate (what a person's search does: its access-log entry
 *           is written in the same IMMEDIATE transaction, so it needs the write lock too)
 *   read    `searchReads` on the probe's own connection, no gate, no entry: the read alone
 *   write   an access-log-sized INSERT in an IMMEDIATE transaction, busy_timeout raised to
 *           PROBE_BUSY_TIMEOUT_MS: how long another connection's write waits for the lock
 */
async function probe(args: Args): Promise<number> {
  const ws = Workspace.open(args.dir!, { clock });
  const token = ws.signIn(MEMBER.username, MEMBER.password).token;
  const db = ws.database()!;
  const queries = searchQueries(args.reads, 400);
  const kind = args.probe!;
  const waits: Sample[] = [];
  let work: (n: number) => void;
  if (kind === 'search') work = (n) => ws.call(token, 'search.plates', queries[n % queries.length]!, ACCESS);
  else if (kind === 'read') work = (n) => searchReads(db, searchQuerySchema.parse(queries[n % queries.length]!));
  else {
    db.pragma(`busy_timeout=${PROBE_BUSY_TIMEOUT_MS}`);
    const insert = db.prepare(`INSERT INTO ${PROBE_TABLE}(at, operation, objects, hash) VALUES (?, 'alpr.search', ?, ?)`);
    const objects = JSON.stringify({ input: { plate: 'ABC1234', fuzzy: false }, touched: [{ kind: 'reads', count: 12 }] });
    const hash = crypto.randomBytes(32);
    // the lock's wait (BEGIN IMMEDIATE) apart from the write and commit, which may checkpoint the log
    work = () => {
      const t = epoch();
      try {
        db.exec('BEGIN IMMEDIATE');
      } finally {
        waits.push([t, epoch() - t]);
      }
      try {
        insert.run(new Date().toISOString(), objects, hash);
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    };
  }
  for (let n = 0; n < 5; n++) work(n);
  waits.length = 0;
  let stop = false;
  process.stdin.on('data', () => (stop = true));
  console.log('ready');
  const samples: Sample[] = [];
  for (let n = 0; !stop; n++) {
    const at = epoch();
    try {
      work(n);
      samples.push([at, epoch() - at]);
    } catch (error) {
      samples.push([at, epoch() - at, (error as Error).message]);
    }
    await sleep(OTHER_PROCESS_EVERY_MS);
  }
  ws.call(token, 'session.signOut', {});
  ws.close();
  console.log(JSON.stringify({ samples, waits } satisfies ProbeOutput));
  return 0;
}

/** A probe's samples; the writer's lock waits apart (`waits`: BEGIN IMMEDIATE alone). */
interface ProbeOutput {
  samples: Sample[];
  waits: Sample[];
}

function startProbe(kind: ProbeKind, reads: number, dir: string): Promise<{ stop(): Promise<ProbeOutput> }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, '--phase', 'probe', '--probe', kind, '--reads', String(reads), '--dir', dir],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let ready = false;
    let last = '';
    lines.on('line', (line) => {
      last = line;
      if (line === 'ready' && !ready) {
        ready = true;
        resolve({
          stop: async () => {
            child.stdin.end('stop\n');
            const code = await exited;
            if (code !== 0) throw new Error(`the ${kind} probe failed (exit ${code})`);
            return JSON.parse(last) as ProbeOutput;
          },
        });
      }
    });
    void exited.then((code) => ready || reject(new Error(`the ${kind} probe ended before it was ready (exit ${code})`)));
  });
}

/** The three other-process probes, started together and stopped together. */
async function startProbes(reads: number, dir: string) {
  const started = await Promise.all((['search', 'read', 'write'] as const).map((kind) => startProbe(kind, reads, dir)));
  return {
    stop: async () => {
      const [search, read, write] = await Promise.all(started.map((p) => p.stop()));
      return { search: search!.samples, read: read!.samples, write: write!.samples, lockWait: write!.waits };
    },
  };
}

/**
 * S1: searches from this process through the gate, due every 100 ms. A search falls due while
 * a step of the job runs and waits for it (the desktop app: its window's calls and the job
 * share one process), so the latency is counted from when it was due. `busy` is when each
 * search itself ran, to take it out of the job's phase times.
 */
function searchInProcess(ws: Workspace, token: string, queries: SearchQueryInput[]) {
  const samples: Sample[] = [];
  const busy: [from: number, to: number][] = [];
  let due = epoch();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const start = epoch();
    let error: string | undefined;
    try {
      ws.call(token, 'search.plates', queries[n++ % queries.length]!, ACCESS);
    } catch (e) {
      error = (e as Error).message;
    }
    const end = epoch();
    busy.push([start, end]);
    samples.push(error === undefined ? [due, end - due] : [due, end - due, error]);
    due = end + IN_PROCESS_EVERY_MS;
    timer = setTimeout(tick, IN_PROCESS_EVERY_MS);
  };
  timer = setTimeout(tick, 0);
  return {
    stop: () => {
      clearTimeout(timer);
      return { samples, busy };
    },
  };
}

interface Figures {
  count: number;
  p50: number;
  max: number;
  /** samples that took longer than the app's busy_timeout (a write in the app would have failed) */
  overBusyTimeout: number;
  errors: string[];
}

function figures(samples: readonly Sample[]): Figures {
  const sorted = samples.map((s) => s[1]).sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    overBusyTimeout: sorted.filter((x) => x > APP_BUSY_TIMEOUT_MS).length,
    errors: samples.flatMap((s) => (s[2] === undefined ? [] : [s[2]])),
  };
}

const showFigures = (f: Figures) =>
  `${f.count} probes, p50 ${f.p50.toFixed(1)} ms, max ${fmtInt(f.max)} ms` +
  (f.overBusyTimeout ? `, ${f.overBusyTimeout} longer than ${fmtInt(APP_BUSY_TIMEOUT_MS)} ms` : '') +
  (f.errors.length ? `, ${f.errors.length} failed (${[...new Set(f.errors)].join('; ')})` : '');

interface Phase {
  name: string;
  from: number;
  to: number;
}

/** The sample's share of each phase: it counts in the phase it overlaps most. */
function phaseOf(phases: readonly Phase[], [at, took]: Sample): number {
  let best = -1;
  let most = -1;
  phases.forEach((p, k) => {
    const overlap = Math.min(p.to, at + took) - Math.max(p.from, at);
    if (overlap > most) [best, most] = [k, overlap];
  });
  return best;
}

/** The longest sample of each phase (NaN where none fell in it). */
function maxPerPhase(phases: readonly Phase[], samples: readonly Sample[]): number[] {
  const max = phases.map(() => NaN);
  for (const s of samples) {
    if (s[0] + s[1] < phases[0]!.from || s[0] > phases.at(-1)!.to) continue;
    const k = phaseOf(phases, s);
    if (!(s[1] <= max[k]!)) max[k] = s[1];
  }
  return max;
}

/** The samples whose time overlaps [from, to]: those taken while the measured work ran. */
const during = (samples: readonly Sample[], from: number, to: number) => samples.filter(([at, took]) => at <= to && at + took >= from);

function createProbeTable(db: Db): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${PROBE_TABLE} (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, operation TEXT NOT NULL, objects TEXT NOT NULL, hash BLOB NOT NULL)`,
  );
}

// ---------------------------------------------------------------------------
// The search index, page by page: does it still list destroyed reads?
// ---------------------------------------------------------------------------

interface IndexState {
  /** b-tree segments (distinct segment ids among the leaves) */
  segments: number;
  /** tombstone pages (contentless_delete: the rowids each segment has had deleted) */
  tombstonePages: number;
  leafPages: number;
  /** bytes of every row of plate_search_data */
  bytes: number;
  /** rows of plate_search_idx (one per leaf page boundary term, per segment) */
  idxRows: number;
  /** (term, read) entries in the leaves, whatever the tombstones say */
  postings: number;
  /** of those, entries of reads the purge destroys */
  destroyedPostings: number;
  /** destroyed reads with at least one entry left */
  destroyedReadsListed: number;
}

/**
 * Read every leaf page of the index (`plate_search_data`, detail=none) and count the read ids
 * each lists, tombstones or not: what a deleted row put there stays until its segment is
 * merged away. As test/support/sqlcipher-pages.ts (fts5SegmentEntries) reads a leaf, and also
 * the doclist a page continues from the page before (from the offset in the page's header up
 * to its first term), which at this size holds most of the entries. Proved against the reads'
 * own trigrams before anything is deleted (`expectedPostings`).
 */
function indexState(db: Db, destroyed: Uint8Array): IndexState {
  const listed = new Uint8Array(destroyed.length);
  const state: IndexState = {
    segments: 0,
    tombstonePages: 0,
    leafPages: 0,
    bytes: 0,
    idxRows: db.prepare('SELECT count(*) FROM plate_search_idx').pluck().get() as number,
    postings: 0,
    destroyedPostings: 0,
    destroyedReadsListed: 0,
  };
  const segments = new Set<bigint>();
  const count = (rowid: number) => {
    state.postings++;
    if (rowid < destroyed.length && destroyed[rowid]) {
      state.destroyedPostings++;
      if (!listed[rowid]) {
        listed[rowid] = 1;
        state.destroyedReadsListed++;
      }
    }
  };
  /** A doclist from `from` to `to`: a rowid, then deltas, each perhaps followed by one or two 0x00 marker bytes. */
  const doclist = (block: Buffer, from: number, to: number) => {
    for (let at = from, rowid = 0, first = true; at < to; first = false) {
      const [value, next] = varint(block, at);
      rowid = first ? value : rowid + value;
      count(rowid);
      at = next;
      if (block[at] === 0 && at < to) at++;
      if (block[at] === 0 && at < to) at++;
    }
  };
  const rows = db.prepare('SELECT id, block FROM plate_search_data').safeIntegers(true).iterate() as IterableIterator<{
    id: bigint;
    block: Buffer;
  }>;
  for (const { id, block } of rows) {
    state.bytes += block.length;
    const segment = id >> 37n;
    if (segment > 0xffffn) state.tombstonePages++;
    // 0 holds the structure record and the averages; doclist-index pages and interior pages list no reads
    if (segment < 1n || segment > 0xffffn || ((id >> 36n) & 1n) !== 0n || ((id >> 31n) & 0x1fn) !== 0n) continue;
    state.leafPages++;
    segments.add(segment);
    const firstRowid = block.readUInt16BE(0);
    const szLeaf = block.readUInt16BE(2);
    const offsets = leafTermOffsets(block, szLeaf);
    const firstTerm = offsets[0] ?? szLeaf;
    // the doclist continued from the page before: its first rowid on this page is whole
    if (firstRowid !== 0 && firstRowid < firstTerm) doclist(block, firstRowid, firstTerm);
    offsets.forEach((offset, i) => {
      let start: number;
      let n: number;
      if (i === 0) [n, start] = varint(block, offset);
      else [n, start] = varint(block, varint(block, offset)[1]);
      doclist(block, start + n, offsets[i + 1] ?? szLeaf);
    });
  }
  state.segments = segments.size;
  return state;
}

/** The entries a correct index holds: each read's distinct trigrams of its OCR form, as the trigram tokenizer folds them. */
function expectedPostings(db: Db, destroyed: Uint8Array): { all: number; destroyed: number } {
  const out = { all: 0, destroyed: 0 };
  for (const [id, plateNorm] of db.prepare('SELECT id, plate_norm FROM plate_reads').raw().iterate() as IterableIterator<
    [number, string]
  >) {
    const n = trigrams(ocrForm(plateNorm).toLowerCase()).length;
    out.all += n;
    if (destroyed[id]) out.destroyed += n;
  }
  return out;
}

const showIndex = (s: IndexState) =>
  `${s.segments} segments, ${fmtInt(s.leafPages)} leaf pages, ${s.tombstonePages} tombstone pages, ${fmtMB(s.bytes)} MB, ` +
  `${fmtInt(s.idxRows)} rows in plate_search_idx, ${fmtInt(s.postings)} entries, ${fmtInt(s.destroyedPostings)} of destroyed reads ` +
  `(${fmtInt(s.destroyedReadsListed)} destroyed reads still listed)`;

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

/** What the run must destroy and keep, counted from the seeded store by its own rules, not the purge's. */
function expectations(db: Db) {
  const expired = `captured_at < ${CUT_OFF}`;
  const held = `(id IN (SELECT read_id FROM hold_reads) OR (plate_norm GLOB '${HOLD_PATTERN}' AND captured_at >= ${EXPIRED_FROM}))`;
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const goneReads = `SELECT id FROM plate_reads WHERE ${expired} AND NOT ${held}`;
  const ids = db.prepare(goneReads).pluck().all() as number[];
  const destroyed = new Uint8Array((db.prepare('SELECT max(id) FROM plate_reads').pluck().get() as number) + 1);
  for (const id of ids) destroyed[id] = 1;
  return {
    reads: count('SELECT count(*) FROM plate_reads'),
    expired: count(`SELECT count(*) FROM plate_reads WHERE ${expired}`),
    held: count(`SELECT count(*) FROM plate_reads WHERE ${expired} AND ${held}`),
    heldImages: count(`SELECT count(*) FROM read_images WHERE read_id IN (SELECT id FROM plate_reads WHERE ${expired} AND ${held})`),
    gone: ids.length,
    goneIds: ids,
    destroyed,
    images: count('SELECT count(*) FROM read_images'),
    goneImages: count(`SELECT count(*) FROM read_images WHERE read_id IN (${goneReads})`),
    alerts: count('SELECT count(*) FROM alerts'),
    goneAlerts: count(`SELECT count(*) FROM alerts WHERE read_id IN (${goneReads})`),
    heldSql: held,
  };
}

/** B0: the bare DELETE of the expired reads and their trigram rows on a copy of the store. */
function bareDelete(file: string, key: Buffer): { seconds: number; reads: number; checkpoint: number } {
  const db = openEncrypted(file, key);
  try {
    db.pragma('foreign_keys=OFF');
    const t0 = process.hrtime.bigint();
    const reads = db.transaction(() => {
      db.prepare('DELETE FROM plate_search WHERE rowid IN (SELECT id FROM plate_reads WHERE captured_at < ?)').run(CUT_OFF);
      return db.prepare('DELETE FROM plate_reads WHERE captured_at < ?').run(CUT_OFF).changes;
    })();
    const s = seconds(t0);
    const t1 = process.hrtime.bigint();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { seconds: s, reads, checkpoint: seconds(t1) };
  } finally {
    db.close();
  }
}

function imageFiles(root: string): number {
  return fs.readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.img')).length;
}

/** The job's phases, from its progress: each begins when the step before it has reported. */
const PHASES: [name: string, startsWith: string][] = [
  ['plan', ''],
  ['batches', 'destroying reads'],
  ['index rewrite', 'rewriting the search index'],
  ['vendor rows', 'destroying vendor audit rows'],
  ['certificate', 'writing the purge certificate'],
];

function jobPhases(start: number, end: number, steps: readonly { at: number; phase: string }[]): Phase[] {
  const begins = PHASES.map(([, prefix], k) => (k === 0 ? start : (steps.find((s) => s.phase.startsWith(prefix))?.at ?? NaN)));
  if (begins.some(Number.isNaN))
    throw new Error(`the job did not report every phase: ${[...new Set(steps.map((s) => s.phase))].join('; ')}`);
  return PHASES.map(([name], k) => ({ name, from: begins[k]!, to: begins[k + 1] ?? end }));
}

/** A row of the comparison of index rewrites (optimize in the job, merges in M). */
function rewriteRow(
  label: string,
  pause: string,
  transactions: number,
  total: number,
  longest: number,
  after: IndexState,
  seen: Figures[],
): string {
  const [s1, s2, r, w, wait] = seen.map((f) => (f.count ? fmtInt(f.max) : '–'));
  return `| ${label} | ${pause} | ${transactions} | ${total.toFixed(2)} | ${fmtInt(longest)} | ${after.segments} | ${fmtInt(after.destroyedPostings)} | ${s1} | ${s2} | ${r} | ${w} / ${seen[3]!.count ? seen[3]!.p50.toFixed(0) : '–'} | ${wait} |`;
}
/** Reads per transaction of the alternative's index deletes. */
const DELETE_BATCH = 10_000;
const REWRITE_TABLE =
  '| index rewrite | pause between transactions ms | transactions | s | longest transaction ms | segments after | entries of destroyed reads after | S1 max ms | S2 max ms | R max ms | W max / p50 ms | W lock wait max ms |\n' +
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';

/**
 * The alternative to one 'optimize' transaction (bench only): on another copy of the store, the
 * purge's index deletes in batches of DELETE_BATCH reads, then FTS5 incremental merges,
 * `INSERT INTO plate_search(plate_search, rank) VALUES ('merge', -pages)`, each in its own
 * IMMEDIATE transaction, with a turn of the event loop between them (as the job gives between
 * steps) and `pause` ms more, until total_changes() moves by less than 2 (FTS5's "no work
 * left"). A negative count puts every segment on one level and ignores automerge, so the merges
 * end in what 'optimize' leaves, a page budget at a time. S1 runs in this process (between the
 * transactions, as between the job's steps), S2, R and W in others.
 */
async function mergeAlternative(
  pristine: string,
  work: string,
  reads: number,
  pages: number,
  pause: number,
): Promise<{ ok: boolean; row: string }> {
  const dir = path.join(work, 'merge-workspace');
  const t0 = process.hrtime.bigint();
  fs.cpSync(pristine, dir, { recursive: true });
  console.log(
    `\nM   alternative: incremental merges of ${fmtInt(pages)} pages, ${pause} ms between them (copied the store again in ${seconds(t0).toFixed(1)} s)`,
  );
  const ws = Workspace.open(dir, { clock });
  const token = ws.signIn(COMMANDER.username, COMMANDER.password).token;
  const db = ws.database()!;
  createProbeTable(db);
  let ok = true;
  try {
    const expect = expectations(db);
    const postings = expectedPostings(db, expect.destroyed);
    const before = indexState(db, expect.destroyed);
    const proved = before.postings === postings.all && before.destroyedPostings === postings.destroyed && before.tombstonePages === 0;
    console.log(`    index as built:              ${showIndex(before)}`);
    console.log(
      `    ${proved ? 'ok     ' : 'FAILED '}  the page reader finds every entry the reads' trigrams make (${fmtInt(postings.all)}, ${fmtInt(postings.destroyed)} of reads to destroy)`,
    );
    ok &&= proved;

    const remove = db.prepare('DELETE FROM plate_search WHERE rowid IN (SELECT value FROM json_each(?))');
    const t1 = process.hrtime.bigint();
    for (let at = 0; at < expect.goneIds.length; at += DELETE_BATCH)
      db.transaction(() => remove.run(JSON.stringify(expect.goneIds.slice(at, at + DELETE_BATCH)))).immediate();
    const deleted = indexState(db, expect.destroyed);
    console.log(`    after the batches' deletes:  ${showIndex(deleted)} (deletes ${seconds(t1).toFixed(2)} s)`);

    const queries = searchQueries(reads, 400);
    for (const q of queries.slice(0, 5)) ws.call(token, 'search.plates', q, ACCESS);
    const probes = await startProbes(reads, dir);
    const inProcess = searchInProcess(ws, token, queries);
    const merge = db.prepare("INSERT INTO plate_search(plate_search, rank) VALUES ('merge', ?)");
    const changes = db.prepare('SELECT total_changes()').pluck();
    const transactions: number[] = [];
    const from = epoch();
    for (;;) {
      const was = changes.get() as number;
      const t = epoch();
      db.transaction(() => merge.run(-pages)).immediate();
      transactions.push(epoch() - t);
      if ((changes.get() as number) - was < 2) break;
      await new Promise((resolve) => setImmediate(resolve));
      if (pause > 0) await sleep(pause);
    }
    const to = epoch();
    const s1 = inProcess.stop();
    const seen = await probes.stop();
    const after = indexState(db, expect.destroyed);
    console.log(`    after the merges:            ${showIndex(after)}`);
    const total = (to - from) / 1000;
    const longest = Math.max(...transactions);
    const all = [s1.samples, seen.search, seen.read, seen.write, seen.lockWait].map((s) => figures(during(s, from, to)));
    console.log(
      `    merges: ${transactions.length} transactions in ${total.toFixed(2)} s, longest ${fmtInt(longest)} ms, p50 ${figures(transactions.map((x) => [0, x] as Sample)).p50.toFixed(0)} ms`,
    );
    [
      'S1 gate search, this process',
      'S2 gate search, other process',
      'R  plain read, other process',
      'W  write, other process',
      'Wl its wait for the lock',
    ].forEach((label, k) => console.log(`    ${label.padEnd(31)} ${showFigures(all[k]!)}`));
    const clean = after.destroyedPostings === 0 && after.tombstonePages === 0 && after.postings === postings.all - postings.destroyed;
    console.log(
      `    ${clean ? 'no trace' : 'TRACES  '}  the merged index lists ${fmtInt(after.destroyedPostings)} entries of ${fmtInt(after.destroyedReadsListed)} destroyed reads, ${after.tombstonePages} tombstone pages, ${fmtInt(after.postings)} entries (${fmtInt(postings.all - postings.destroyed)} expected)`,
    );
    return { ok, row: rewriteRow(`merge ${fmtInt(pages)} pages`, String(pause), transactions.length, total, longest, after, all) };
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${PROBE_TABLE}`);
    ws.call(token, 'session.signOut', {});
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(args: Args): Promise<number> {
  console.log(
    `Purge benchmark: ${fmtInt(args.reads)} reads, ${fmtInt(args.reads / 10)} expired, ${os.cpus().length} cores, Node ${process.version}, steps sized to about 200 ms, a pause of up to 100 ms after plan steps and merges; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const pristine = builtStore(args.reads, args.rebuild);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-purge-run-'));
  try {
    let ok = true;
    let optimizeRow: string | undefined;
    if (!args.mergeOnly) ({ ok, optimizeRow } = await purgeRun(args.reads, pristine, work));
    if (args.mergePages > 0) {
      const merged = await mergeAlternative(pristine, work, args.reads, args.mergePages, args.mergePause);
      ok &&= merged.ok;
      console.log(`\n${REWRITE_TABLE}\n${optimizeRow ? `${optimizeRow}\n` : ''}${merged.row}`);
    }
    console.log(
      `    load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    return ok ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** B0 and P: the bare DELETE and the purge, with the probes and the checks. */
async function purgeRun(reads: number, pristine: string, work: string): Promise<{ ok: boolean; optimizeRow: string }> {
  const dir = path.join(work, 'workspace');
  const bareFile = path.join(work, 'bare.db');
  const t0 = process.hrtime.bigint();
  fs.cpSync(pristine, dir, { recursive: true });
  fs.copyFileSync(path.join(pristine, 'custodian.db'), bareFile);
  console.log(`    copied the store twice in ${seconds(t0).toFixed(1)} s (untimed)`);

  const ws = Workspace.open(dir, { clock });
  const token = ws.signIn(COMMANDER.username, COMMANDER.password).token;
  const db = ws.database()!;
  const expect = expectations(db);
  const postings = expectedPostings(db, expect.destroyed);
  createProbeTable(db);
  console.log(
    `    expired ${fmtInt(expect.expired)}, held ${fmtInt(expect.held)} (${fmtInt(expect.heldImages)} with images), to destroy ${fmtInt(expect.gone)} reads, ${fmtInt(expect.goneImages)} images, ${fmtInt(expect.goneAlerts)} alerts`,
  );

  const key = ws.masterKey();
  const bare = bareDelete(bareFile, key);
  key.fill(0);
  fs.rmSync(bareFile, { force: true });
  const bareRate = bare.reads / bare.seconds;
  console.log(
    `B0  bare DELETE of ${fmtInt(bare.reads)} reads and their trigram rows (baseline): ${bare.seconds.toFixed(2)} s = ${fmtInt(bareRate)} reads/s (then a TRUNCATE checkpoint: ${bare.checkpoint.toFixed(2)} s, not counted)`,
  );

  const queries = searchQueries(reads, 400);
  for (const q of queries.slice(0, 5)) ws.call(token, 'search.plates', q, ACCESS);
  const probes = await startProbes(reads, dir);
  const steps: { at: number; phase: string }[] = [];
  const rss = startRssSampler();
  const inProcess = searchInProcess(ws, token, queries);
  const start = epoch();
  const result = (await ws.startJob(token, 'purge.run', {}, undefined, {
    signal: new AbortController().signal,
    onProgress: (p: JobProgress) => steps.push({ at: epoch(), phase: p.phase ?? '' }),
  })) as PurgeRun;
  const end = epoch();
  const purgeSeconds = (end - start) / 1000;
  const s1 = inProcess.stop();
  const peak = await rss.stop();
  const seen = await probes.stop();

  const phases = jobPhases(start, end, steps);
  const batches = steps.filter((s) => s.phase.startsWith('destroying reads')).length - 1;
  const longestStep = Math.max(...[start, ...steps.map((s) => s.at)].map((at, k, all) => (all[k + 1] ?? end) - at));
  const rate = (result.destroyed?.reads ?? 0) / purgeSeconds;
  console.log(
    `P   purge.run through the gate: ${purgeSeconds.toFixed(2)} s = ${fmtInt(rate)} reads/s, ${(rate / bareRate).toFixed(2)}x the bare DELETE; ` +
      `${batches} batches; longest step ${fmtInt(longestStep)} ms; peak RSS ${fmtMB(peak)} MB`,
  );
  console.log(`    destroyed ${JSON.stringify(result.destroyed)}`);
  const series: [label: string, samples: Sample[]][] = [
    ['S1 gate search, this process', s1.samples],
    ['S2 gate search, other process', during(seen.search, start, end)],
    ['R  plain read, other process', during(seen.read, start, end)],
    ['W  write, other process', during(seen.write, start, end)],
    ['Wl its wait for the lock', during(seen.lockWait, start, end)],
  ];
  const perPhase = series.map(([, samples]) => maxPerPhase(phases, samples));
  const cell = (x: number) => (Number.isNaN(x) ? '–' : fmtInt(x));
  console.log(`    phase           seconds (S1 searches in it)   longest ms: S1 / S2 / R / W / Wl`);
  phases.forEach((p, k) => {
    const searching = s1.busy.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, p.to) - Math.max(a, p.from)), 0);
    console.log(
      `    ${p.name.padEnd(15)} ${((p.to - p.from) / 1000).toFixed(2).padStart(7)} s (${(searching / 1000).toFixed(2)} s)          ${perPhase.map((m) => cell(m[k]!)).join(' / ')}`,
    );
  });
  const all = series.map(([label, samples]) => [label, figures(samples)] as const);
  for (const [label, f] of all) console.log(`${label.padEnd(31)} ${showFigures(f)}`);

  // the checks: what went, what stayed, and what the index still says
  const index = indexState(db, expect.destroyed);
  console.log(`    index after the purge: ${showIndex(index)}`);
  db.exec(`DROP TABLE ${PROBE_TABLE}`);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const remainingRows = db.prepare('SELECT file FROM read_images WHERE file IS NOT NULL').pluck().all() as string[];
  const imagesRoot = path.join(dir, 'images');
  const checks: [string, boolean][] = [
    [
      `the run destroyed exactly ${fmtInt(expect.gone)} reads, ${fmtInt(expect.goneImages)} images, ${fmtInt(expect.gone)} trigram rows, ${fmtInt(expect.goneAlerts)} alerts`,
      result.status === 'finished' &&
        result.plannedReads === expect.gone &&
        result.destroyed?.reads === expect.gone &&
        result.destroyed.images === expect.goneImages &&
        result.destroyed.searchIndexRows === expect.gone &&
        result.destroyed.alerts === expect.goneAlerts,
    ],
    [`${fmtInt(expect.reads - expect.gone)} reads left`, count('SELECT count(*) FROM plate_reads') === expect.reads - expect.gone],
    [
      `every expired read left is held, all ${fmtInt(expect.held)} of them`,
      count(`SELECT count(*) FROM plate_reads WHERE captured_at < ${CUT_OFF}`) === expect.held &&
        count(`SELECT count(*) FROM plate_reads WHERE captured_at < ${CUT_OFF} AND ${expect.heldSql}`) === expect.held,
    ],
    [
      `${fmtInt(expect.images - expect.goneImages)} image rows left, each with its file, and no other file`,
      remainingRows.length === expect.images - expect.goneImages &&
        remainingRows.every((f) => fs.existsSync(path.join(imagesRoot, f))) &&
        imageFiles(imagesRoot) === remainingRows.length &&
        count('SELECT count(*) FROM purge_files') === 0,
    ],
    [
      `${fmtInt(expect.alerts - expect.goneAlerts)} alerts left, none of a destroyed read`,
      count('SELECT count(*) FROM alerts') === expect.alerts - expect.goneAlerts &&
        count('SELECT count(*) FROM alerts WHERE read_id NOT IN (SELECT id FROM plate_reads)') === 0 &&
        count('SELECT count(*) FROM alert_verifications WHERE alert_id NOT IN (SELECT id FROM alerts)') === 0,
    ],
    [
      `the search index lists no destroyed read and every read left (${fmtInt(postings.all - postings.destroyed)} entries), with no tombstones`,
      index.destroyedPostings === 0 && index.tombstonePages === 0 && index.postings === postings.all - postings.destroyed,
    ],
    ['the access log verifies', ws.call(token, 'audit.verify', {}).ok],
  ];
  ws.call(token, 'session.signOut', {});
  ws.close();
  let ok = true;
  for (const [label, pass] of checks) {
    console.log(`    ${pass ? 'ok     ' : 'FAILED '}  ${label}`);
    ok &&= pass;
  }
  const [f1, f2, fr, fw, fl] = all.map(([, f]) => f);
  const targets: [string, boolean][] = [
    [`purge < ${TARGETS.seconds} s`, purgeSeconds < TARGETS.seconds],
    [`purge/bare ≥ ${TARGETS.ratio}`, rate / bareRate >= TARGETS.ratio],
    [
      `every search answered within ${fmtInt(TARGETS.searchMs)} ms (through the gate, in this process and the other)`,
      Math.max(f1!.max, f2!.max) < TARGETS.searchMs && f1!.errors.length + f2!.errors.length === 0,
    ],
  ];
  for (const [label, pass] of targets) console.log(`    ${pass ? 'met    ' : 'NOT MET'}  ${label}`);
  console.log(
    `\n| reads | destroyed | bare DELETE s | purge s | purge/bare | ${phases.map((p) => `${p.name} s`).join(' | ')} | S1 max / p50 ms | S2 max / p50 ms | R max ms | W max / p50 ms | W lock wait max ms |\n` +
      `|${'---:|'.repeat(10 + phases.length)}\n` +
      `| ${fmtInt(reads)} | ${fmtInt(result.destroyed?.reads ?? 0)} | ${bare.seconds.toFixed(2)} | ${purgeSeconds.toFixed(2)} | ${(rate / bareRate).toFixed(2)} | ` +
      `${phases.map((p) => ((p.to - p.from) / 1000).toFixed(2)).join(' | ')} | ${fmtInt(f1!.max)} / ${f1!.p50.toFixed(0)} | ${fmtInt(f2!.max)} / ${f2!.p50.toFixed(0)} | ` +
      `${fmtInt(fr!.max)} | ${fmtInt(fw!.max)} / ${fw!.p50.toFixed(0)} | ${fmtInt(fl!.max)} |`,
  );

  const rewrite = phases.find((p) => p.name === 'index rewrite')!;
  const inRewrite = series.map(([, samples]) => figures(samples.filter((x) => phaseOf(phases, x) === phases.indexOf(rewrite))));
  // the job's rewrite: one step per transaction ('optimize' before e45a518, bounded merges since)
  const rewriteSteps = [...steps.filter((x) => x.at >= rewrite.from && x.at < rewrite.to).map((x) => x.at), rewrite.to];
  const optimizeRow = rewriteRow(
    'the purge (its own steps)',
    '0',
    rewriteSteps.length - 1,
    (rewrite.to - rewrite.from) / 1000,
    Math.max(...rewriteSteps.slice(1).map((at, k) => at - rewriteSteps[k]!)),
    index,
    inRewrite,
  );
  return { ok, optimizeRow };
}

async function main(): Promise<number> {
  const args = parseCommandLine();
  return args.phase === 'probe' ? probe(args) : run(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
