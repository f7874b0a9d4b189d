import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { asSentence, CustodianError } from '../errors';
import { nativeBindingInUse } from '../store/database';
import type { ImportJob, ImportOutcome, ImportProgress } from './pipeline';
import type { WorkerData, WorkerMessage } from './worker';

/**
 * Where the worker's code is: beside this module when compiled (dist-node), as its own
 * bundle entry in the desktop app (out/main/import-worker.js, see electron.vite.config.ts),
 * or as TypeScript when run from source (tests, benchmarks), loaded through tsx.
 */
function workerScript(): { script: string; eval: boolean } {
  for (const candidate of [path.join(__dirname, 'worker.js'), path.join(__dirname, 'import-worker.js')]) {
    if (fs.existsSync(candidate)) return { script: candidate, eval: false };
  }
  const source = path.join(__dirname, 'worker.ts');
  return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

/**
 * The worker's JavaScript heap, capped: left to itself V8 lets a busy worker's heap grow
 * by hundreds of MB before collecting (measured: peak RSS 543 MB → 413 MB at 500,000
 * rows). A batch needs far less (pipeline.ts bounds it by rows and image bytes).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

/** A running import worker: its reports, then how it ended. */
export interface ImportWorker {
  /** progress reports until the worker ends; then resolves with the outcome or throws its error */
  reports(): AsyncGenerator<ImportProgress, ImportOutcome, void>;
  /** ask it to stop after the batch in hand (its rows are then removed) and wait until it has */
  cancel(): Promise<void>;
}

export function startImportWorker(job: ImportJob): ImportWorker {
  const cancel = new SharedArrayBuffer(4);
  const { script, eval: isEval } = workerScript();
  const data: WorkerData = { job, cancel, nativeBinding: nativeBindingInUse() };
  const worker = new Worker(script, { eval: isEval, workerData: data, resourceLimits: WORKER_HEAP });
  job.key.fill(0); // the worker has its own copy

  const queue: Array<WorkerMessage | { type: 'crashed'; error: Error }> = [];
  let wake: (() => void) | undefined;
  const push = (m: (typeof queue)[number]) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: WorkerMessage) => push(m));
  worker.on('error', (error) => push({ type: 'crashed', error }));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      push({ type: 'crashed', error: new Error('the import worker stopped without saying why') });
      resolve();
    }),
  );

  async function* reports(): AsyncGenerator<ImportProgress, ImportOutcome, void> {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      switch (m.type) {
        case 'progress':
          yield { phase: m.phase, rows: m.rows, bytes: m.bytes, bytesTotal: m.bytesTotal };
          break;
        case 'done':
          await exited;
          return m.outcome;
        case 'cancelled':
          await exited;
          throw new CustodianError('failed', 'The import was cancelled.', 'cancelled');
        case 'failed':
          await exited;
          throw new CustodianError(m.error.kind, m.error.message, m.error.code);
        case 'crashed':
          throw new CustodianError(
            'failed',
            `The import stopped: ${asSentence(m.error.message)} Nothing from it was kept.`,
            'import-crashed',
          );
      }
    }
  }

  return {
    reports,
    cancel: async () => {
      Atomics.store(new Int32Array(cancel), 0, 1);
      await exited;
    },
  };
}
