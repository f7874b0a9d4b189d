/**
 * Benchmark of plate search (src-main/core/search) on generated reads in a real encrypted
 * store, each figure beside a plain `LIKE '%…%'` scan of the same reads in the same run.
 *
 *   npm run bench:search                        # 10,000,000 reads (the issue's size)
 *   npm run bench:search -- --reads 1000000     # a quicker run
 *
 * The store is built once per size and kept (it takes minutes at 10M): under
 * os.tmpdir()/custodian-bench-search-<reads>, with its key beside it (generated data only).
 * `--rebuild` builds it again. It is built the fast way a bulk loader would (rows first,
 * then the indexes), with the schema and trigram index of the app (migrations 001–004).
 *
 * Reads: 3 vehicles in 10 come back (a pool of 30 % of the reads' count), over 30 days, 40 cameras.
 * Queries (seeded): exact plates that exist; "*XXXX*" with four characters from a stored plate;
 * "AB?1*"-style prefixes; OCR-aware plates with one misread or one missing character; and a
 * few "*XY*" (two characters, which no index finds). Each
 * runs through `searchReads`, the function the gate's `search.plates` calls (limit 1,000),
 * on the app's connection settings. p50 and p95 over the set; the LIKE scan runs 5 times.
 * Targets (issue 5): exact p95 < 5 ms, wildcard anywhere p95 < 100 ms, OCR-aware p95 < 300 ms.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { searchQuerySchema, type SearchQueryInput } from '../src-main/contract/search';
import { searchReads } from '../src-main/core/search/query';
import { ocrForm } from '../src-main/core/reads/plates';
import { MASTER_KEY_BYTES, openEncrypted, type Db } from '../src-main/core/store/database';
import { migrate } from '../src-main/core/store/migrations';
import { plate, Random } from '../test/fixtures/random';
import { seedImportRecord, fmtInt } from './support';

const SEED = 0x5ea4c4;
const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-10-30T00:00:00Z');
const TARGETS = { exact: 5, wildcard: 100, ocr: 300 };
const READ_INDEXES = ['plate_reads_by_dedupe', 'plate_reads_by_time', 'plate_reads_by_plate', 'plate_reads_by_import'];

function parseCommandLine() {
  const { values } = parseArgs({
    options: { reads: { type: 'string' }, rebuild: { type: 'boolean' }, queries: { type: 'string' } },
    strict: true,
  });
  const reads = Number((values.reads ?? '10000000').replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(reads) || reads < 1000)
    throw new Error(`--reads must be a whole number of at least 1000, not "${values.reads}"`);
  return { reads, rebuild: values.rebuild ?? false, queries: Number(values.queries ?? '100') };
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** The pool of vehicles: plate i is a pure function of i. */
const vehicle = (i: number) => plate(new Random((Math.imul(i + 1, 0x9e3779b1) ^ SEED) >>> 0));

function build(file: string, reads: number, key: Buffer): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = openEncrypted(file, key, { create: true });
  db.pragma('cache_size=-262144');
  migrate(db);
  seedImportRecord(db, 'bench.csv');
  for (const index of READ_INDEXES) db.exec(`DROP INDEX ${index}`);
  const insert = db.prepare(
    `INSERT INTO plate_reads(id, import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, state, captured_at, captured_text,
       camera, confidence, make, color) VALUES (?, 1, ?, ?, 'flock', ?, ?, ?, ?, '', ?, ?, ?, ?)`,
  );
  const index = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
  const random = new Random(SEED);
  const pool = Math.max(1000, Math.floor(reads * 0.3));
  const states = ['CA', 'CA', 'CA', 'NV', 'OR', 'AZ'];
  const makes = ['Toyota', 'Honda', 'Ford', 'Tesla', 'Kia', 'Chevrolet'];
  const colors = ['White', 'Black', 'Grey', 'Silver', 'Red', 'Blue'];
  const t0 = process.hrtime.bigint();
  const step = (30 * DAY) / reads;
  for (let from = 0; from < reads; from += 100_000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(reads, from + 100_000); i++) {
        const p = vehicle(random.int(0, pool - 1));
        const id = i + 1;
        insert.run(
          id,
          id + 1,
          crypto.randomBytes(8).readBigInt64LE(),
          p,
          p,
          random.pick(states),
          Math.floor(START + i * step),
          `cam-${random.int(1, 40)}`,
          random.int(500, 999) / 1000,
          random.pick(makes),
          random.pick(colors),
        );
        index.run(id, ocrForm(p));
      }
    })();
    if ((from / 100_000) % 10 === 9) process.stdout.write(`    ${fmtInt(from + 100_000)} reads, ${seconds(t0).toFixed(0)} s\n`);
  }
  console.log(`    rows and trigram index in ${seconds(t0).toFixed(0)} s; now the read indexes`);
  const t1 = process.hrtime.bigint();
  db.exec(`
    CREATE UNIQUE INDEX plate_reads_by_dedupe ON plate_reads(dedupe_hash);
    CREATE INDEX plate_reads_by_time ON plate_reads(captured_at);
    CREATE INDEX plate_reads_by_plate ON plate_reads(plate_norm);
    CREATE INDEX plate_reads_by_import ON plate_reads(import_id, source_line);
  `);
  db.prepare("UPDATE imports SET status = 'committed', rows_read = ?, imported = ? WHERE id = 1").run(reads, reads);
  db.exec("INSERT INTO plate_search(plate_search) VALUES ('optimize')");
  console.log(`    indexes in ${seconds(t1).toFixed(0)} s`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function openStore(reads: number, rebuild: boolean): Db {
  const dir = path.join(os.tmpdir(), `custodian-bench-search-${reads}`);
  const file = path.join(dir, 'search.db');
  const keyFile = path.join(dir, 'key.hex');
  if (rebuild || !fs.existsSync(path.join(dir, 'built'))) {
    fs.mkdirSync(dir, { recursive: true });
    const key = crypto.randomBytes(MASTER_KEY_BYTES);
    fs.writeFileSync(keyFile, key.toString('hex'));
    console.log(`Building the store: ${fmtInt(reads)} reads in ${dir}`);
    build(file, reads, key);
    fs.writeFileSync(path.join(dir, 'built'), new Date().toISOString());
  } else console.log(`Using the store built earlier in ${dir} (--rebuild to build it again)`);
  console.log(`    ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB on disk`);
  return openEncrypted(file, Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'hex'));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Figures {
  p50: number;
  p95: number;
  hits: number;
}

function time(db: Db, queries: SearchQueryInput[]): Figures {
  const timed: { ms: number; plate: string }[] = [];
  let hits = 0;
  for (const q of queries) {
    const query = searchQuerySchema.parse(q);
    const t0 = process.hrtime.bigint();
    hits += searchReads(db, query).hits.length;
    timed.push({ ms: seconds(t0) * 1000, plate: query.plate });
  }
  const ms = timed.map((t) => t.ms).sort((a, b) => a - b);
  if (process.env.BENCH_SLOWEST)
    console.log(
      `    slowest: ${[...timed]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((t) => `${t.plate} ${t.ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), hits: hits / queries.length };
}

/** The plain way: LIKE over every committed read, newest first, as many as a search shows. */
function likeScan(db: Db, fragments: string[]): Figures {
  const scan = db.prepare('SELECT * FROM committed_reads WHERE plate_norm LIKE ? ORDER BY captured_at DESC LIMIT 1001');
  const ms: number[] = [];
  let hits = 0;
  for (const fragment of fragments) {
    const t0 = process.hrtime.bigint();
    hits += scan.all(`%${fragment}%`).length;
    ms.push(seconds(t0) * 1000);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), hits: hits / fragments.length };
}

/** The index must find exactly what the scan finds, or its speed means nothing. */
function assertSameReads(db: Db, fragments: string[]): void {
  const scan = db.prepare('SELECT id FROM committed_reads WHERE plate_norm LIKE ? ORDER BY captured_at DESC, id DESC LIMIT 1000').pluck();
  for (const fragment of fragments) {
    const indexed = searchReads(db, searchQuerySchema.parse({ plate: `*${fragment}*` })).hits.map((h) => h.id);
    if (JSON.stringify(indexed) !== JSON.stringify(scan.all(`%${fragment}%`)))
      throw new Error(`*${fragment}* found other reads than the scan`);
  }
}

const MISREAD: Record<string, string> = {
  '0': 'O',
  O: '0',
  '1': 'I',
  I: '1',
  '2': 'Z',
  Z: '2',
  '5': 'S',
  S: '5',
  '8': 'B',
  B: '8',
  '6': 'G',
  G: '6',
};

function querySets(reads: number, count: number) {
  const random = new Random(SEED ^ 0x77);
  const pool = Math.max(1000, Math.floor(reads * 0.3));
  const stored = () => vehicle(random.int(0, pool - 1));
  const exact = Array.from({ length: count }, () => ({ plate: stored() }));
  const fragments = Array.from({ length: count }, () => {
    const p = stored();
    const at = random.int(0, p.length - 4);
    return p.slice(at, at + 4);
  });
  const wildcard = fragments.map((f) => ({ plate: `*${f}*` }));
  const prefix = Array.from({ length: count }, () => {
    const p = stored();
    return { plate: `${p.slice(0, 2)}?${p[3]}*` };
  });
  const ocr = Array.from({ length: count }, (_, n) => {
    const p = stored();
    const spots = [...p].map((ch, i) => (MISREAD[ch] ? i : -1)).filter((i) => i >= 0);
    const misread =
      n % 2 === 0 && spots.length > 0
        ? ((i) => p.slice(0, i) + MISREAD[p[i]!]! + p.slice(i + 1))(spots[random.int(0, spots.length - 1)]!)
        : ((i) => p.slice(0, i) + p.slice(i + 1))(random.int(0, p.length - 1));
    return { plate: misread, fuzzy: true };
  });
  // two characters anywhere, no run of three: no index finds these (a tenth as many: each may read the plate index whole)
  const short = fragments.slice(0, Math.max(1, Math.floor(count / 10))).map((f) => ({ plate: `*${f.slice(1, 3)}*` }));
  return { exact, fragments, wildcard, prefix, ocr, short };
}

function main(): void {
  const args = parseCommandLine();
  console.log(
    `Search benchmark: ${fmtInt(args.reads)} reads, ${args.queries} queries per kind, ${os.cpus().length} cores, Node ${process.version}`,
  );
  const db = openStore(args.reads, args.rebuild);
  const sets = querySets(args.reads, args.queries);
  // Warm the connection the way a person's first search would, then measure.
  time(db, sets.exact.slice(0, 5));
  const scan = likeScan(db, sets.fragments.slice(0, 5));
  assertSameReads(db, sets.fragments.slice(0, 5));
  console.log(
    `LIKE '%XXXX%' full scan (baseline):  p50 ${scan.p50.toFixed(0)} ms, p95 ${scan.p95.toFixed(0)} ms, ${scan.hits.toFixed(1)} hits`,
  );
  const rows: [string, Figures, number | null][] = [
    ['exact plate', time(db, sets.exact), TARGETS.exact],
    ['wildcard anywhere *XXXX*', time(db, sets.wildcard), TARGETS.wildcard],
    ['prefix AB?1*', time(db, sets.prefix), null],
    ['OCR-aware', time(db, sets.ocr), TARGETS.ocr],
    ['two characters *XY*', time(db, sets.short), null],
  ];
  for (const [label, f, target] of rows) {
    const verdict = target === null ? '' : f.p95 < target ? ` (target < ${target} ms: met)` : ` (target < ${target} ms: NOT met)`;
    console.log(
      `${label.padEnd(26)} p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, ${f.hits.toFixed(1)} hits; ${(scan.p50 / f.p50).toFixed(0)}x faster than the scan at p50${verdict}`,
    );
  }
  db.close();
}

main();
