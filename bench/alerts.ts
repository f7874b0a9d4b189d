/**
 * Benchmark of the alert queue (`alert.list`, src-main/core/hotlists/alerts.ts) at 10,000
 * alerts in a real encrypted store, each figure beside a bare scan of the same alerts in the
 * same run: every row of `alerts` read into the program once, with nothing joined, filtered or
 * sorted (the least that filtering and sorting the queue outside the store would cost).
 *
 *   npm run bench:alerts                      # 10,000 alerts (the issue's size)
 *   npm run bench:alerts -- --alerts 50000    # a larger queue
 *
 * The store (migrations 001–latest, the app's connection settings) is built in a temp folder
 * and removed at the end: reads, three hot lists (70 % local, 20 % NCIC, 10 % state), an entry
 * per two alerts, 4 in 10 alerts verified (test/support/alert-seed.ts). Each query runs
 * through `listAlerts`, the function the gate's `alert.list` calls, as a person authorised for
 * confidential data and as one who is not (whose listing leaves those alerts out and counts
 * them). p50 and p95 of 30 runs each. Target (issue 13): every query p95 < 50 ms.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertListSchema, ALERT_SORTS, type AlertListInput } from '../src-main/contract/hotlists';
import type { Actor } from '../src-main/core/auth/sessions';
import { listAlerts } from '../src-main/core/hotlists/alerts';
import { MASTER_KEY_BYTES, openEncrypted, type Db } from '../src-main/core/store/database';
import { migrate } from '../src-main/core/store/migrations';
import { SEEDED_CAMERAS, SEEDED_LISTS, seedAlerts } from '../test/support/alert-seed';
import { fmtInt } from './support';

const RUNS = 30;
const TARGET_MS = 50;
const END = Date.parse('2026-11-30T12:00:00Z');

function parseCommandLine() {
  const { values } = parseArgs({ options: { alerts: { type: 'string' } }, strict: true });
  const alerts = Number((values.alerts ?? '10000').replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(alerts) || alerts < 100 || alerts % 2 !== 0)
    throw new Error(`--alerts must be an even whole number of at least 100, not "${values.alerts}"`);
  return { alerts };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function timed(run: () => number): { p50: number; p95: number; rows: number } {
  const times: number[] = [];
  let rows = 0;
  run(); // warm: the first run compiles the statement and fills the cache
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    rows = run();
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows };
}

function actor(confidentialAuthorized: boolean): Actor {
  return {
    accountId: 1,
    username: 'bench',
    fullName: 'Bench',
    roles: ['member'],
    confidentialAuthorized,
  } as Actor;
}

function build(alerts: number): { db: Db; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-alerts-'));
  const db = openEncrypted(path.join(dir, 'alerts.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
  migrate(db);
  const at = new Date(END).toISOString();
  db.prepare(
    "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('bench', 'Bench', 'active', ?, ?)",
  ).run(at, at);
  const t0 = process.hrtime.bigint();
  const seed = seedAlerts(db, alerts, 1, END);
  db.exec('ANALYZE');
  console.log(`    ${fmtInt(alerts)} alerts (${fmtInt(seed.unverified)} unverified) stored in ${(ms(t0) / 1000).toFixed(1)} s`);
  return { db, dir };
}

function main(): void {
  const { alerts } = parseCommandLine();
  console.log(
    `Alert queue benchmark: ${fmtInt(alerts)} alerts, ${RUNS} runs per query, ${os.cpus().length} cores, Node ${process.version}`,
  );
  const { db, dir } = build(alerts);
  try {
    const scan = db.prepare('SELECT * FROM alerts');
    const baseline = timed(() => scan.all().length);
    console.log(
      `bare scan of every alert (baseline)     p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms, ${fmtInt(baseline.rows)} rows`,
    );

    const today = new Date(END).toISOString().slice(0, 10);
    const week = new Date(END - 7 * 86_400_000).toISOString();
    const queries: [string, AlertListInput][] = [
      ['unverified, newest raised first', { status: 'unverified' }],
      ['everything, newest raised first', {}],
      [`everything, page at offset ${fmtInt(alerts - 1000)}`, { offset: alerts - 1000 }],
      ...ALERT_SORTS.filter((s) => s !== 'raised').map((sort): [string, AlertListInput] => [
        `everything, sorted by ${sort}`,
        { sort, order: 'asc' },
      ]),
      ['unverified, one list', { status: 'unverified', list: SEEDED_LISTS[0].name }],
      ['plate pattern 7*', { plate: '7*' }],
      ['camera "Unit 07"', { camera: 'Unit 07' }],
      ['the last 7 days, by read time', { from: week, sort: 'read' }],
      ['all filters together', { status: 'unverified', list: SEEDED_LISTS[0].name, camera: SEEDED_CAMERAS[3]!, from: week, sort: 'plate' }],
    ];
    let slowest = 0;
    for (const [label, input] of queries) {
      const parsed = alertListSchema.parse({ limit: 200, ...input });
      for (const authorised of [true, false]) {
        const who = actor(authorised);
        const f = timed(() => listAlerts(db, who, parsed, today).alerts.length);
        slowest = Math.max(slowest, f.p95);
        console.log(
          `${`${label}${authorised ? '' : ' (not authorised)'}`.padEnd(48)} p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, ${f.rows} rows; ${(f.p50 / baseline.p50).toFixed(1)}x the bare scan`,
        );
      }
    }
    console.log(`slowest p95 ${slowest.toFixed(1)} ms (target < ${TARGET_MS} ms: ${slowest < TARGET_MS ? 'met' : 'NOT met'})`);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
