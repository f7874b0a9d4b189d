import { Worker } from 'node:worker_threads';

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
