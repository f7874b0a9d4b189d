import { Worker } from 'node:worker_threads';
import type { Db } from '../src-main/core/store/database';

/** What the benchmarks share: memory sampling and number formats. */

export const MB = 1024 * 1024;
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMB = (bytes: number) => (bytes / MB).toFixed(1);

// A worker samples the process-wide RSS into shared memory every 20 ms, so the samples
// also cover long synchronous calls on the main thread and work in other threads.
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData);
const tick = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; };
tick();
setInterval(tick, 20);
`;

export function startRssSampler(): { peak(): number; reset(): void; stop(): Promise<number> } {
  const shared = new SharedArrayBuffer(8);
  const peak = new Float64Array(shared);
  peak[0] = process.memoryUsage.rss();
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  const read = () => Math.max(peak[0]!, process.memoryUsage.rss());
  return { peak: read, reset: () => (peak[0] = process.memoryUsage.rss()), stop: async () => (await worker.terminate(), read()) };
}

/** An account and one running import in a bare migrated store, for rows written straight into plate_reads. */
export function seedImportRecord(db: Db, fileName: string): void {
  const at = new Date().toISOString();
  db.prepare(
    "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('b', 'Bench', 'active', ?, ?)",
  ).run(at, at);
  db.prepare(
    `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by)
     VALUES (?, 0, '', 'csv', 'bench', 'plate-reads', 'UTC', 'running', ?, 1, 'bench')`,
  ).run(fileName, at);
}
