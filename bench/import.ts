/**
 * Benchmark of the import pipeline (src-main/core/imports) on a generated Flock-style
 * reads CSV read through a column mapping, in a real encrypted workspace.
 *
 *   npm run bench:import                       # 1,000,000 rows
 *   npm run bench:import -- --rows 5000000     # the memory check at 5M
 *   npm run bench:import -- --rows 100000      # a quick run
 *   npm run bench:import -- --hotlist 100000   # also: the same import with a 100,000-entry hot list in force
 *
 * Phases, each in its own new workspace under os.tmpdir(), removed at the end; B0 and I
 * each run in a fresh child process, so one's memory does not count in the other's peak:
 *   G   write the CSV (test/fixtures/plate-reads.ts, seeded; not timed against anything)
 *   B0  baseline: a bare prepared INSERT loop into the same encrypted plate_reads schema
 *       (same indexes, random 64-bit dedupe hashes, and each read's row in the search
 *       index as the import writes it), values made in memory: no parsing,
 *       no validation, no hashing, BARE_BATCH rows per transaction
 *   I   the real import: Workspace → gate → import.run job → worker thread (parse,
 *       validate, normalise, dedupe, insert, commit) — the app's own path, end to end
 *   H   with --hotlist N: a hot list of N entries (Genetec short form; 1 in 100 of them plates
 *       of the file's reads) is loaded through the gate first, untimed; then the same import,
 *       which now also matches its reads against the entries in force (issue 5)
 * Figures: rows/s for B0 and I, I/B0, peak RSS of the whole process (the worker thread
 * included) sampled every 20 ms. Targets (issue 4): I ≥ 150,000 rows/s, I/B0 ≥ 0.5,
 * peak RSS < 400 MB for 1M and 5M rows. Issue 5: H/I < 1.2 for 100,000 entries and 1M rows.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MASTER_KEY_BYTES, openEncrypted } from '../src-main/core/store/database';
import { migrate } from '../src-main/core/store/migrations';
import { ocrForm } from '../src-main/core/reads/plates';
import { IMPORT_BATCH_ROWS } from '../src-main/core/imports/handlers';
import { MAX_TRANSACTION_MS } from '../src-main/core/imports/writer';
import type { ImportSummary } from '../src-main/contract/imports';
import { Workspace } from '../src-main/core/workspace';
import { flockRead, writeFlockReadsCsv } from '../test/fixtures/plate-reads';
import { seedImportRecord, fmtInt, fmtMB, startRssSampler } from './support';

const SEED = 0x1a2b;
const TARGET_ROWS_PER_S = 150_000;
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 400;
const PASSWORD = 'bench-Passphrase-4-imports';
/** rows per transaction in the bare loop: a bulk loader's usual size */
const BARE_BATCH = 100_000;

interface Args {
  rows: number;
  phase?: 'bare' | 'import' | 'hotlist';
  dir?: string;
  hotlist?: number;
}

function parseCommandLine(): Args {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, phase: { type: 'string' }, dir: { type: 'string' }, hotlist: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const rows = Number((values.rows ?? '1000000').replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`--rows must be a whole number of at least 1, not "${values.rows}"`);
  const hotlist = values.hotlist === undefined ? undefined : Number(values.hotlist.replace(/[_,]/g, ''));
  if (hotlist !== undefined && (!Number.isSafeInteger(hotlist) || hotlist < 100))
    throw new Error(`--hotlist must be at least 100, not "${values.hotlist}"`);
  return { rows, phase: values.phase as Args['phase'], dir: values.dir, hotlist };
}

/** What a phase's child process reports on its last line. */
interface PhaseResult {
  seconds: number;
  peakRss: number;
  summary?: { read: number; imported: number; duplicates: number; rejected: number };
}

/** Run a phase in a new process (same flags: tsx) and read its result. */
function runPhase(phase: 'bare' | 'import' | 'hotlist', rows: number, dir: string, hotlist?: number): PhaseResult {
  const extra = hotlist === undefined ? [] : ['--hotlist', String(hotlist)];
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--phase', phase, '--rows', String(rows), '--dir', dir, ...extra],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines = child.stdout.trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(line);
  if (child.status !== 0) throw new Error(`the ${phase} phase failed (exit ${child.status})`);
  return JSON.parse(lines[lines.length - 1]!) as PhaseResult;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** B0: the same schema, a prepared INSERT per row, nothing else. */
function bareInsert(dir: string, rows: number): number {
  const db = openEncrypted(path.join(dir, 'bare.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
  db.pragma('cache_size=-131072'); // as the import worker sets it
  migrate(db);
  seedImportRecord(db, 'bare');
  const insert = db.prepare(
    `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, state, captured_at,
       captured_text, camera, latitude, longitude, confidence, direction, make, model, color)
     VALUES (1, ?, ?, 'flock', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Storing a read includes its row in the search index (schema 4), so the baseline does that too.
  const index = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
  const hashes = crypto.randomBytes(8 * Math.min(rows, BARE_BATCH));
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = flockRead(SEED, i);
      const { lastInsertRowid } = insert.run(
        i + 2,
        hashes.readBigInt64LE(8 * (i - from)),
        r.id,
        r.plate,
        r.plate,
        r.state,
        Date.parse(r.capturedAt),
        r.capturedAt,
        r.device.id,
        r.device.lat,
        r.device.lon,
        r.plateConfidence,
        r.direction,
        r.make,
        r.model,
        r.color,
      );
      index.run(lastInsertRowid, ocrForm(r.plate));
    }
  });
  const t0 = process.hrtime.bigint();
  for (let from = 0; from < rows; from += BARE_BATCH) {
    crypto.randomFillSync(hashes);
    batch(from, Math.min(rows, from + BARE_BATCH));
  }
  const s = seconds(t0);
  db.close();
  return s;
}

/** A Genetec hot list (short form, `PLATE;STATE`) of `entries` plates: 1 in 100 the plate of a read in the file. */
function writeHotlist(file: string, entries: number, rows: number): void {
  const lines: string[] = [];
  const stride = Math.max(1, Math.floor(rows / Math.ceil(entries / 100)));
  for (let n = 0; n < entries; n++) {
    const read = n % 100 === 0 ? flockRead(SEED, ((n / 100) * stride) % rows) : flockRead(SEED ^ 0x5a5a, n);
    lines.push(`${read.plate};${read.state}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function loadHotlist(ws: Workspace, token: string, file: string): Promise<void> {
  const access = { caseNumber: 'BENCH-1', purpose: 'Benchmark of hot-list matching on import' };
  const t0 = process.hrtime.bigint();
  const loaded = (await ws.startJob(
    token,
    'hotlist.import',
    { source: { path: file }, list: 'Bench list', listSource: 'local', format: 'genetec' },
    access,
    {
      signal: new AbortController().signal,
      onProgress: () => {},
    },
  )) as { entries: number };
  process.stdout.write(
    `    hot list in force: ${fmtInt(loaded.entries)} entries, loaded through the gate in ${seconds(t0).toFixed(2)} s (untimed)\n`,
  );
}

async function realImport(dir: string, file: string, mapping: unknown, hotlist?: string): Promise<{ s: number; summary: ImportSummary }> {
  const wsDir = path.join(dir, hotlist ? 'workspace-hotlist' : 'workspace');
  Workspace.init(wsDir, { commander: 'bench', fullName: 'Bench Commander', password: PASSWORD });
  const ws = Workspace.open(wsDir);
  const { token } = ws.signIn('bench', PASSWORD);
  // importing handles ALPR data: the importer's training is on record (427.4(d))
  ws.call(token, 'training.record', {
    username: 'bench',
    course: 'ALPR Operator Training',
    completedOn: new Date().toISOString().slice(0, 10),
  });
  if (hotlist) await loadHotlist(ws, token, hotlist);
  let last = 0;
  const t0 = process.hrtime.bigint();
  const summary = (await ws.startJob(token, 'import.run', { source: { path: file }, vendor: 'csv', mapping, timezone: 'UTC' }, undefined, {
    signal: new AbortController().signal,
    onProgress: (p) => {
      if (p.done - last >= 250_000) {
        last = p.done;
        process.stdout.write(`    ${fmtInt(p.done)} rows, ${fmtInt(p.ratePerSecond ?? 0)} rows/s\n`);
      }
    },
  })) as ImportSummary;
  const s = seconds(t0);
  ws.call(token, 'session.signOut', {});
  ws.close();
  return { s, summary };
}

async function phase(args: Args): Promise<number> {
  const dir = args.dir!;
  const rss = startRssSampler();
  let result: PhaseResult;
  if (args.phase === 'bare') {
    result = { seconds: bareInsert(dir, args.rows), peakRss: 0 };
  } else {
    const { mapping } = JSON.parse(fs.readFileSync(path.join(dir, 'written.json'), 'utf8')) as { mapping: unknown };
    const hotlist = args.phase === 'hotlist' ? path.join(dir, 'hotlist.txt') : undefined;
    if (hotlist) writeHotlist(hotlist, args.hotlist!, args.rows);
    const { s, summary } = await realImport(dir, path.join(dir, 'flock-reads.csv'), mapping, hotlist);
    result = {
      seconds: s,
      peakRss: 0,
      summary: { read: summary.read, imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected },
    };
  }
  result.peakRss = await rss.stop();
  console.log(JSON.stringify(result));
  return 0;
}

async function main(): Promise<number> {
  const args = parseCommandLine();
  if (args.phase) return phase(args);
  const rows = args.rows;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-import-'));
  try {
    console.log(
      `Import benchmark: ${fmtInt(rows)} rows, ${os.cpus().length} cores, Node ${process.version}, import batches of ${fmtInt(IMPORT_BATCH_ROWS)} rows in transactions of at most ${MAX_TRANSACTION_MS} ms, bare transactions of ${fmtInt(BARE_BATCH)} rows`,
    );
    const csv = path.join(dir, 'flock-reads.csv');
    const t0 = process.hrtime.bigint();
    const written = await writeFlockReadsCsv(csv, { rows, seed: SEED });
    fs.writeFileSync(path.join(dir, 'written.json'), JSON.stringify(written));
    console.log(`G   wrote ${fmtMB(written.bytes)} MB in ${seconds(t0).toFixed(1)} s`);

    const bare = runPhase('bare', rows, dir);
    const bareRate = rows / bare.seconds;
    console.log(`B0  bare prepared insert: ${bare.seconds.toFixed(2)} s = ${fmtInt(bareRate)} rows/s (peak RSS ${fmtMB(bare.peakRss)} MB)`);

    const run = runPhase('import', rows, dir);
    const rate = rows / run.seconds;
    const summary = run.summary!;
    const ok = summary.read === rows && summary.imported === written.imported && summary.rejected === 0;
    console.log(
      `I   import.run end to end: ${run.seconds.toFixed(2)} s = ${fmtInt(rate)} rows/s, ${(rate / bareRate).toFixed(2)}x bare; ` +
        `read ${fmtInt(summary.read)}, imported ${fmtInt(summary.imported)}, duplicates ${fmtInt(summary.duplicates)}, rejected ${fmtInt(summary.rejected)}; peak RSS ${fmtMB(run.peakRss)} MB`,
    );
    const checks = [
      [`rows/s ≥ ${fmtInt(TARGET_ROWS_PER_S)}`, rate >= TARGET_ROWS_PER_S],
      [`import/bare ≥ ${TARGET_RATIO}`, rate / bareRate >= TARGET_RATIO],
      [`peak RSS < ${TARGET_RSS_MB} MB`, run.peakRss < TARGET_RSS_MB * 1024 * 1024],
      ['every row accounted for', ok],
    ] as const;
    for (const [label, pass] of checks) console.log(`    ${pass ? 'met    ' : 'NOT MET'}  ${label}`);
    if (args.hotlist !== undefined) {
      const withList = runPhase('hotlist', rows, dir, args.hotlist);
      const added = withList.seconds / run.seconds - 1;
      console.log(
        `H   the same import with a ${fmtInt(args.hotlist)}-entry hot list in force: ${withList.seconds.toFixed(2)} s, ${(added * 100).toFixed(1)} % more than I ` +
          `(${added < 0.2 ? 'met' : 'NOT MET'}: under 20 %); peak RSS ${fmtMB(withList.peakRss)} MB`,
      );
    }
    console.log(
      `\n| rows | bare insert rows/s | import rows/s | import/bare | import peak RSS MB |\n|---:|---:|---:|---:|---:|\n| ${fmtInt(rows)} | ${fmtInt(bareRate)} | ${fmtInt(rate)} | ${(rate / bareRate).toFixed(2)} | ${fmtMB(run.peakRss)} |`,
    );
    return ok ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
