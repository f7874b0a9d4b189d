/**
 * Benchmark of the import pipeline (src-main/core/imports) on a generated Flock-style
 * reads CSV read through a column mapping, in a real encrypted workspace.
 *
 *   npm run bench:import                       # 1,000,000 rows
 *   npm run bench:import -- --rows 5000000     # the memory check at 5M
 *   npm run bench:import -- --rows 100000      # a quick run
 *
 * Phases, each in its own new workspace under os.tmpdir(), removed at the end:
 *   G   write the CSV (test/fixtures/plate-reads.ts, seeded; not timed against anything)
 *   B0  baseline: a bare prepared INSERT loop into the same encrypted plate_reads schema
 *       (same indexes, random 64-bit dedupe hashes), values made in memory: no parsing,
 *       no validation, no hashing, IMPORT_BATCH_ROWS per transaction
 *   I   the real import: Workspace → gate → import.run job → worker thread (parse,
 *       validate, normalise, dedupe, insert, commit) — the app's own path, end to end
 * Figures: rows/s for B0 and I, I/B0, peak RSS of the whole process (the worker thread
 * included) sampled every 20 ms. Targets (issue 4): I ≥ 150,000 rows/s, I/B0 ≥ 0.5,
 * peak RSS < 400 MB for 1M and 5M rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MASTER_KEY_BYTES, openEncrypted } from '../src-main/core/store/database';
import { migrate } from '../src-main/core/store/migrations';
import { IMPORT_BATCH_ROWS } from '../src-main/core/imports/handlers';
import type { ImportSummary } from '../src-main/contract/imports';
import { Workspace } from '../src-main/core/workspace';
import { flockRead, writeFlockReadsCsv } from '../test/fixtures/plate-reads';
import { fmtInt, fmtMB, startRssSampler } from './support';
import crypto from 'node:crypto';

const SEED = 0x1a2b;
const TARGET_ROWS_PER_S = 150_000;
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 400;
const PASSWORD = 'bench-Passphrase-4-imports';

function parseRows(): number {
  const { values } = parseArgs({ options: { rows: { type: 'string' } }, strict: true, allowPositionals: false });
  const n = Number((values.rows ?? '1000000').replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--rows must be a whole number of at least 1, not "${values.rows}"`);
  return n;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** B0: the same schema, a prepared INSERT per row, nothing else. */
function bareInsert(dir: string, rows: number): number {
  const db = openEncrypted(path.join(dir, 'bare.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
  db.pragma('cache_size=-131072'); // as the import worker sets it
  migrate(db);
  const at = new Date().toISOString();
  db.prepare(
    "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('b', 'Bench', 'active', ?, ?)",
  ).run(at, at);
  db.prepare(
    `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by)
     VALUES ('bare', 0, '', 'csv', 'bench', 'plate-reads', 'UTC', 'running', ?, 1, 'bench')`,
  ).run(at);
  const insert = db.prepare(
    `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, state, captured_at,
       captured_text, camera, latitude, longitude, confidence, direction, make, model, color)
     VALUES (1, ?, ?, 'flock', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hashes = crypto.randomBytes(8 * Math.min(rows, IMPORT_BATCH_ROWS));
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = flockRead(SEED, i);
      insert.run(
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
    }
  });
  const t0 = process.hrtime.bigint();
  for (let from = 0; from < rows; from += IMPORT_BATCH_ROWS) {
    crypto.randomFillSync(hashes);
    batch(from, Math.min(rows, from + IMPORT_BATCH_ROWS));
  }
  const s = seconds(t0);
  db.close();
  return s;
}

async function realImport(dir: string, file: string, mapping: unknown): Promise<{ s: number; summary: ImportSummary }> {
  const wsDir = path.join(dir, 'workspace');
  Workspace.init(wsDir, { commander: 'bench', fullName: 'Bench Commander', password: PASSWORD });
  const ws = Workspace.open(wsDir);
  const { token } = ws.signIn('bench', PASSWORD);
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

async function main(): Promise<number> {
  const rows = parseRows();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-import-'));
  try {
    console.log(
      `Import benchmark: ${fmtInt(rows)} rows, ${os.cpus().length} cores, Node ${process.version}, batches of ${fmtInt(IMPORT_BATCH_ROWS)}`,
    );
    const csv = path.join(dir, 'flock-reads.csv');
    let t0 = process.hrtime.bigint();
    const written = await writeFlockReadsCsv(csv, { rows, seed: SEED });
    console.log(`G   wrote ${fmtMB(written.bytes)} MB in ${seconds(t0).toFixed(1)} s`);

    const rss = startRssSampler();
    const bare = bareInsert(dir, rows);
    const bareRate = rows / bare;
    console.log(`B0  bare prepared insert: ${bare.toFixed(2)} s = ${fmtInt(bareRate)} rows/s (peak RSS ${fmtMB(rss.peak())} MB)`);

    rss.reset();
    t0 = process.hrtime.bigint();
    const { s, summary } = await realImport(dir, csv, written.mapping);
    const rate = rows / s;
    const peak = await rss.stop();
    const ok = summary.read === rows && summary.imported === written.imported && summary.rejected === 0;
    console.log(
      `I   import.run end to end: ${s.toFixed(2)} s = ${fmtInt(rate)} rows/s, ${(rate / bareRate).toFixed(2)}x bare; ` +
        `read ${fmtInt(summary.read)}, imported ${fmtInt(summary.imported)}, duplicates ${fmtInt(summary.duplicates)}, rejected ${fmtInt(summary.rejected)}; peak RSS ${fmtMB(peak)} MB`,
    );
    const checks = [
      [`rows/s ≥ ${fmtInt(TARGET_ROWS_PER_S)}`, rate >= TARGET_ROWS_PER_S],
      [`import/bare ≥ ${TARGET_RATIO}`, rate / bareRate >= TARGET_RATIO],
      [`peak RSS < ${TARGET_RSS_MB} MB`, peak < TARGET_RSS_MB * 1024 * 1024],
      ['every row accounted for', ok],
    ] as const;
    for (const [label, pass] of checks) console.log(`    ${pass ? 'met    ' : 'NOT MET'}  ${label}`);
    console.log(
      `\n| rows | bare insert rows/s | import rows/s | import/bare | peak RSS MB |\n|---:|---:|---:|---:|---:|\n| ${fmtInt(rows)} | ${fmtInt(bareRate)} | ${fmtInt(rate)} | ${(rate / bareRate).toFixed(2)} | ${fmtMB(peak)} |`,
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
