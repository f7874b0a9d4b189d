import { parentPort, workerData } from 'node:worker_threads';
import { CustodianError } from '../errors';
import { useNativeBinding } from '../store/database';
import { ImportCancelled, runImport, type ImportJob } from './pipeline';

/**
 * The import worker thread's entry: runs one import on its own connection so the app's
 * main thread keeps answering. Messages out: progress, then exactly one of done, cancelled
 * or failed. Cancel comes in through a shared flag the pipeline checks between batches.
 */
export interface WorkerData {
  job: ImportJob;
  cancel: SharedArrayBuffer;
  /** the compiled SQLCipher addon the main thread uses (the desktop app's Electron build), undefined for the default */
  nativeBinding: string | undefined;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; rows: number; bytes: number; bytesTotal: number | null }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof runImport>> }
  | { type: 'cancelled' }
  | { type: 'failed'; error: { kind: CustodianError['kind']; code: string; message: string } };

const { job, cancel, nativeBinding } = workerData as WorkerData;
// This thread loads its own copy of the store module: the addon chosen for the app must be chosen here too.
useNativeBinding(nativeBinding);
const flag = new Int32Array(cancel);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

runImport(
  job,
  (p) => post({ type: 'progress', ...p }),
  () => Atomics.load(flag, 0) === 1,
).then(
  (outcome) => post({ type: 'done', outcome }),
  (error: unknown) => {
    if (error instanceof ImportCancelled) post({ type: 'cancelled' });
    else if (error instanceof CustodianError)
      post({ type: 'failed', error: { kind: error.kind, code: error.code, message: error.message } });
    else post({ type: 'failed', error: { kind: 'failed', code: 'import-failed', message: (error as Error)?.message ?? String(error) } });
  },
);
