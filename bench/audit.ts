/**
 * Benchmark of the tamper-evident access log (src-main/core/audit) in a real encrypted
 * store (SQLCipher 4, WAL, synchronous=FULL, secure_delete=ON, as openEncrypted sets it).
 *
 *   npm run bench:audit                      # 1,000,000 entries
 *   npm run bench:audit -- --entries 20000   # a quick run
 *
 * Phases, all in one store in a temporary folder under os.tmpdir() that is removed at the end:
 *   A0  bare prepared INSERT of N rows into audit_bare (audit_log's columns and indexes,
 *       no triggers, no hashing), 10,000 rows per transaction
 *   A   appendAuditEntry for the same N entries, 10,000 per transaction (a busy import)
 *   B0  bare full scan: SELECT * FROM audit_log ORDER BY seq, no hashing (run before and
 *       after B; the faster of the two is the baseline)
 *   B1  the schema check verify starts with (schemaProblems), on its own: the first call in
 *       the process (it builds the expected schema by migrating a database in memory), then again
 *   B   verifyAuditLog: must say ok with N entries, else the process exits non-zero
 *   C   exportAuditLog as CSV into a sink that only counts (baseline: B0); RSS growth shown
 *   D   readAuditPage (audit.query): a page of 1,000 at the top and at the far end of the list,
 *       newest first and oldest first, unfiltered and filtered by operation and by time, each
 *       the median of 5 (baseline: the plain count and OFFSET query audit.query ran before)
 *
 * Peak RSS is sampled every 20 ms by a worker thread (RSS is process-wide, so the samples
 * also cover the long synchronous calls) and cross-checked with getrusage's maxRSS.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fmtInt, fmtMB, startRssSampler } from './support';
import { appendAuditEntry, type NewAuditEntry } from '../src-main/core/audit/chain';
import { createSigningKey } from '../src-main/core/audit/signing';
import { exportAuditLog } from '../src-main/core/audit/export';
import { readAuditPage } from '../src-main/core/audit/query';
import { schemaProblems } from '../src-main/core/audit/schema-problems';
import { verifyAuditLog } from '../src-main/core/audit/verify';
import { runToEnd } from '../src-main/core/steps';
import type { AuditFilter } from '../src-main/contract/schemas';
import { MASTER_KEY_BYTES, openEncrypted, type Db } from '../src-main/core/store/database';
import { migrate } from '../src-main/core/store/migrations/index';

const BATCH = 10_000;
const VERIFY_TARGET_S = 10;
const SEED = 0x5eed_a0d1;

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

function parseEntries(): number {
  const { values } = parseArgs({ options: { entries: { type: 'string' } }, strict: true, allowPositionals: false });
  const raw = values.entries ?? '1000000';
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--entries must be a whole number of at least 1, not "${raw}"`);
  return n;
}

// ---------------------------------------------------------------------------
// Realistic, reproducible entries (same seed => same values in A0 and A)
// ---------------------------------------------------------------------------

/** mulberry32: small, fast, seeded; the same seed gives the same stream. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE: readonly { id: number; username: string; fullName: string; role: string }[] = [
  { id: 1, username: 'cmdr.hale', fullName: 'Maria Hale', role: 'commander' },
  { id: 2, username: 'j.okafor', fullName: 'James Okafor', role: 'administrator' },
  { id: 3, username: 'l.nguyen', fullName: 'Linh Nguyen', role: 'member' },
  { id: 4, username: 'r.castillo', fullName: 'Rosa Castillo', role: 'member' },
  { id: 5, username: 'd.brennan', fullName: 'Daniel Brennan', role: 'member' },
  { id: 6, username: 's.patel', fullName: 'Sanjay Patel', role: 'evidence-technician' },
  { id: 7, username: 'k.wojcik', fullName: 'Katarzyna Wójcik', role: 'auditor' },
  { id: 8, username: 't.moreau', fullName: 'Thomas Moreau', role: 'designee' },
];
const WORKSTATIONS = ['RECORDS-01', 'RECORDS-02', 'EVIDENCE-LAB'] as const;
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

type Op =
  'alpr.search' | 'alpr.holdings' | 'alpr.import' | 'audit.query' | 'session.signIn' | 'session.whoami' | 'user.list' | 'training.list';
/** Weighted: mostly ALPR look-ups and imports, as a busy records unit would log. */
const OPS: readonly (readonly [Op, number])[] = [
  ['alpr.search', 40],
  ['alpr.import', 20],
  ['alpr.holdings', 10],
  ['session.whoami', 10],
  ['session.signIn', 8],
  ['audit.query', 5],
  ['user.list', 4],
  ['training.list', 3],
];
const OP_TOTAL = OPS.reduce((s, [, w]) => s + w, 0);
const PURPOSES = [
  'Stolen vehicle investigation',
  'Missing person (AMBER alert)',
  'Hit-and-run follow-up',
  'Court order 24-CR-1187',
] as const;

function entries(seed: number, start: Date): () => NewAuditEntry {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const plate = () => {
    let s = '';
    for (let i = 0; i < 3; i++) s += LETTERS[Math.floor(rnd() * LETTERS.length)];
    return s + String(1000 + Math.floor(rnd() * 9000));
  };
  let t = start.getTime();
  return () => {
    t += 1 + Math.floor(rnd() * 120); // a few entries per second, strictly later
    const who = pick(PEOPLE);
    let r = rnd() * OP_TOTAL;
    let op: Op = OPS[0]![0];
    for (const [name, w] of OPS) {
      if ((r -= w) < 0) {
        op = name;
        break;
      }
    }
    const alpr = op.startsWith('alpr.');
    let objects: unknown;
    switch (op) {
      case 'alpr.search':
        objects = {
          input: { plate: plate(), from: '2026-10-01', to: '2026-11-28' },
          touched: [{ kind: 'plate-read', count: Math.floor(rnd() * 40) }],
        };
        break;
      case 'alpr.import':
        objects = { input: { file: `export-${Math.floor(rnd() * 1e6)}.csv`, reads: 1 + Math.floor(rnd() * 5000) } };
        break;
      case 'alpr.holdings':
        objects = { input: {} };
        break;
      case 'audit.query':
        objects = { input: { username: pick(PEOPLE).username, limit: 100 } };
        break;
      default:
        objects = { input: { plate: plate() } };
    }
    const denied = rnd() < 0.02;
    const withCase = alpr && rnd() < 0.6;
    return {
      at: new Date(t).toISOString(),
      accountId: who.id,
      username: who.username,
      fullName: who.fullName,
      role: who.role,
      operation: op,
      objects,
      caseNumber: withCase ? `26-${String(Math.floor(rnd() * 99999)).padStart(5, '0')}` : null,
      purpose: withCase ? pick(PURPOSES) : null,
      outcome: denied ? 'denied' : 'ok',
      reason: denied ? 'Your ALPR training expired on 2026-09-30. Renew it before searching plate reads.' : null,
      workstation: pick(WORKSTATIONS),
    };
  };
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const seconds = (ns: bigint) => Number(ns) / 1e9;
const fmtS = (s: number) => s.toFixed(2);
const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

function timed<T>(fn: () => T): { value: T; s: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, s: seconds(process.hrtime.bigint() - t0) };
}

/** Run `each(i)` for i in [0, n) in transactions of BATCH, printing progress now and then. */
function inBatches(db: Db, label: string, n: number, each: (i: number) => void): number {
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) each(i);
  });
  const t0 = process.hrtime.bigint();
  let nextReport = 1;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    batch(from, to);
    const elapsed = seconds(process.hrtime.bigint() - t0);
    if (elapsed >= nextReport * 15 && to < n) {
      nextReport = Math.floor(elapsed / 15) + 1;
      process.stdout.write(`  ${label}: ${fmtInt(to)} / ${fmtInt(n)} in ${fmtS(elapsed)} s\n`);
    }
  }
  return seconds(process.hrtime.bigint() - t0);
}

/** audit_log's CREATE TABLE and indexes, renamed to audit_bare; its triggers are left out. */
function createBareTable(db: Db): void {
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'audit_log' AND type IN ('table', 'index') AND sql IS NOT NULL")
    .all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  const table = objects.find((o) => o.type === 'table');
  if (!table) throw new Error('audit_log is missing: did migrate() run?');
  const rename = (sql: string) => sql.replace(/\baudit_log\b/g, 'audit_bare').replace(/\baudit_by_/g, 'audit_bare_by_');
  db.exec(rename(table.sql));
  for (const o of objects.filter((x) => x.type === 'index')) db.exec(rename(o.sql));
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const n = parseEntries();
  const rssAtStart = process.memoryUsage.rss();
  const rss = startRssSampler();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-audit-'));
  const file = path.join(dir, 'custodian.db');
  const start = new Date('2026-01-01T00:00:00.000Z');
  let failed = false;

  console.log(`# Custodian access-log benchmark`);
  console.log(
    `entries ${fmtInt(n)}, batches of ${fmtInt(BATCH)}; Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), ${os.platform()} ${os.arch()}`,
  );
  console.log(`store ${file}\n`);

  let db: Db | undefined;
  try {
    db = openEncrypted(file, crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
    const store = db;
    migrate(store);
    const workspaceId = crypto.randomUUID();
    store.transaction(() => {
      store.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', ?)").run(workspaceId);
      createSigningKey(store);
    })();
    createBareTable(store);

    // --- A0: bare INSERT, same values, no hashing --------------------------------
    const bareInsert =
      store.prepare(`INSERT INTO audit_bare(seq, at, account_id, username, full_name, role, operation, objects, case_number, purpose, outcome, reason, workstation, prev_hash, hash)
      VALUES (@seq, @at, @account_id, @username, @full_name, @role, @operation, @objects, @case_number, @purpose, @outcome, @reason, @workstation, @prev_hash, @hash)`);
    const zeroHash = Buffer.alloc(32);
    const nextBare = entries(SEED, start);
    const bareS = inBatches(store, 'bare insert', n, (i) => {
      const e = nextBare();
      bareInsert.run({
        seq: i + 1,
        at: e.at,
        account_id: e.accountId,
        username: e.username,
        full_name: e.fullName,
        role: e.role,
        operation: e.operation,
        objects: JSON.stringify(e.objects),
        case_number: e.caseNumber,
        purpose: e.purpose,
        outcome: e.outcome,
        reason: e.reason,
        workstation: e.workstation,
        prev_hash: zeroHash,
        hash: zeroHash,
      });
    });
    store.pragma('wal_checkpoint(TRUNCATE)');
    const sizeAfterBare = fileSize(file);
    console.log(`A0 bare INSERT         ${fmtInt(n)} rows in ${fmtS(bareS)} s = ${fmtInt(n / bareS)} rows/s`);

    // --- A: appendAuditEntry ---------------------------------------------------
    const nextEntry = entries(SEED, start);
    const appendS = inBatches(store, 'appendAuditEntry', n, () => {
      appendAuditEntry(store, workspaceId, nextEntry());
    });
    const appendRatio = appendS / bareS;
    console.log(
      `A  appendAuditEntry    ${fmtInt(n)} entries in ${fmtS(appendS)} s = ${fmtInt(n / appendS)} entries/s  (${appendRatio.toFixed(2)}x the bare insert time)`,
    );

    store.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fileSize(file);
    const walBytes = fileSize(`${file}-wal`);
    const auditLogBytes = dbBytes - sizeAfterBare;
    // Verification holds the schema against the migrations' one: the baseline table must go.
    store.exec('DROP TABLE audit_bare');

    // --- B0: bare full scan (run before and after B; the faster one counts) ---------
    const bareScan = () => {
      let rows = 0;
      let bytes = 0;
      for (const row of store.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<{ hash: Buffer }>) {
        rows++;
        bytes += row.hash.length;
      }
      if (rows !== n) throw new Error(`the scan saw ${rows} rows, expected ${n}`);
      return { rows, bytes };
    };
    const scanBefore = timed(bareScan);
    console.log(`B0 bare scan           ${fmtInt(n)} rows in ${fmtS(scanBefore.s)} s = ${fmtInt(n / scanBefore.s)} rows/s`);

    // --- B1: the schema check alone, cold (first in the process) then warm ------------
    const schemaCold = timed(() => schemaProblems(store));
    const schemaWarm = timed(() => schemaProblems(store));
    console.log(
      `B1 schema check        ${schemaCold.value.length} problems; first call ${(schemaCold.s * 1000).toFixed(1)} ms (migrates a database in memory), again ${(schemaWarm.s * 1000).toFixed(1)} ms`,
    );
    if (schemaCold.value.length > 0) {
      console.error(`FAIL: the schema check must find nothing: ${JSON.stringify(schemaCold.value)}`);
      failed = true;
    }

    // --- B: verifyAuditLog -------------------------------------------------------
    const verify = timed(() => runToEnd(verifyAuditLog(() => store, workspaceId)));
    const scanAfter = timed(bareScan);
    const scan = scanAfter.s < scanBefore.s ? scanAfter : scanBefore;
    console.log(`B0 bare scan again     ${fmtInt(n)} rows in ${fmtS(scanAfter.s)} s; baseline B = ${fmtS(scan.s)} s (the faster)`);
    const verifyRatio = verify.s / scan.s;
    const verdict = verify.value.ok && verify.value.entries === n && verify.value.headSeq === n;
    const withinTarget = verify.s < VERIFY_TARGET_S * (n / 1_000_000);
    console.log(
      `B  verifyAuditLog      ${fmtInt(verify.value.entries)} entries in ${fmtS(verify.s)} s = ${fmtInt(n / verify.s)} entries/s  (${verifyRatio.toFixed(2)}x the bare scan time)`,
    );
    console.log(
      `   result ok=${verify.value.ok} entries=${verify.value.entries} headSeq=${verify.value.headSeq}${verify.value.problem ? ` problem=${JSON.stringify(verify.value.problem)}` : ''}`,
    );
    console.log(
      `   target: verify 1,000,000 entries in under ${VERIFY_TARGET_S} s` +
        (n === 1_000_000 ? '' : ` (scaled to ${fmtInt(n)}: ${fmtS(VERIFY_TARGET_S * (n / 1_000_000))} s)`) +
        ` -> ${withinTarget ? 'MET' : 'MISSED'}`,
    );
    if (!verdict) {
      console.error(`FAIL: verifyAuditLog must report ok:true with ${n} entries`);
      failed = true;
    }

    // --- C: exportAuditLog as CSV to a sink that only counts (the baseline is B0) ----
    const exportRssBefore = process.memoryUsage().rss;
    let exportPeakRss = exportRssBefore;
    const exported = timed(() =>
      runToEnd(
        exportAuditLog(
          () => store,
          {},
          { format: 'csv', order: 'oldest-first' },
          () => {
            exportPeakRss = Math.max(exportPeakRss, process.memoryUsage().rss);
          },
        ),
      ),
    );
    const exportRatio = exported.s / scan.s;
    console.log(
      `C  exportAuditLog csv  ${fmtInt(exported.value.entries)} entries, ${fmtMB(exported.value.bytes)} MB in ${fmtS(exported.s)} s = ${fmtInt(n / exported.s)} entries/s  (${exportRatio.toFixed(2)}x the bare scan time; RSS grew ${fmtMB(Math.max(0, exportPeakRss - exportRssBefore))} MB)`,
    );
    if (exported.value.entries !== n) {
      console.error(`FAIL: exportAuditLog must write ${n} entries`);
      failed = true;
    }

    // --- D: a page of the list a screen shows, at its top and at its far end ---------
    const PAGE = 1_000;
    const medianMs = (fn: () => unknown) => {
      const runs = Array.from({ length: 5 }, () => timed(fn).s * 1000).sort((a, b) => a - b);
      return runs[2]!;
    };
    const filters: [string, AuditFilter][] = [
      ['no filter', {}],
      ['operation', { operation: 'alpr.search' }],
      ['time', { from: '2026-01-01', to: '2027-12-31' }],
    ];
    console.log(`D  readAuditPage        pages of ${fmtInt(PAGE)} (median of 5, ms): top / far end`);
    for (const [label, filter] of filters) {
      const total = readAuditPage(store, filter, { order: 'oldest-first', offset: 0, limit: 1 }).total;
      const end = Math.max(0, total - PAGE);
      const cells = (['newest-first', 'oldest-first'] as const).map((order) => {
        const top = medianMs(() => readAuditPage(store, filter, { order, offset: 0, limit: PAGE }));
        const far = medianMs(() => readAuditPage(store, filter, { order, offset: end, limit: PAGE }));
        return `${order} ${top.toFixed(1)} / ${far.toFixed(1)}`;
      });
      // What audit.query did before: count, then OFFSET in chain order with no bound.
      const where = label === 'no filter' ? '' : label === 'operation' ? 'WHERE operation = ?' : 'WHERE at >= ? AND at <= ?';
      const params =
        label === 'no filter' ? [] : label === 'operation' ? ['alpr.search'] : ['2026-01-01T00:00:00.000Z', '2027-12-31T23:59:59.999Z'];
      const before = medianMs(() => {
        store
          .prepare(`SELECT count(*) FROM audit_log ${where}`)
          .pluck()
          .get(...params);
        store.prepare(`SELECT * FROM audit_log ${where} ORDER BY seq LIMIT ? OFFSET ?`).all(...params, PAGE, end);
      });
      console.log(
        `   ${label.padEnd(10)} ${fmtInt(total)} entries: ${cells.join('; ')}; before, oldest first at the far end ${before.toFixed(1)}`,
      );
    }

    store.close();
    db = undefined;

    const peakRss = await rss.stop();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(
      `\npeak RSS ${fmtMB(peakRss)} MB sampled every 20 ms (getrusage maxRSS ${fmtMB(maxRss)} MB; ${fmtMB(rssAtStart)} MB at start)`,
    );
    console.log(
      `db file ${fmtMB(dbBytes)} MB after checkpoint (audit_log + its indexes ~${fmtMB(auditLogBytes)} MB = ${fmtInt(auditLogBytes / n)} B/entry; audit_bare and the rest ~${fmtMB(sizeAfterBare)} MB); WAL ${fmtMB(walBytes)} MB`,
    );

    console.log(
      `\n| entries | bare insert rows/s | appendAuditEntry entries/s | append/bare | bare scan s | verify s | verify/scan | verify < ${VERIFY_TARGET_S} s per 1M | export csv s | export/scan | peak RSS MB | db MB |`,
    );
    console.log(`|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|`);
    console.log(
      `| ${fmtInt(n)} | ${fmtInt(n / bareS)} | ${fmtInt(n / appendS)} | ${appendRatio.toFixed(2)}x | ${fmtS(scan.s)} | ${fmtS(verify.s)} | ${verifyRatio.toFixed(2)}x | ${withinTarget ? 'yes' : 'no'} | ${fmtS(exported.s)} | ${exportRatio.toFixed(2)}x | ${fmtMB(peakRss)} | ${fmtMB(dbBytes)} |`,
    );
  } finally {
    db?.close();
    await rss.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
