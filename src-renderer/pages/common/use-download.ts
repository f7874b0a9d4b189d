import { useRef, useState } from 'react';
import type { OpInput } from '../../../src-main/contract/operations';
import type { AccessReason } from '../../../src-main/contract/schemas';
import type { DownloadResult, JobProgress, StreamingOperation } from '../../../src-main/contract/transport';
import { useGate } from '../../app/gate';
import { GateError } from '../../client/gate-error';

export type DownloadDone<K extends StreamingOperation> = { result: DownloadResult<K>; name: string } | 'cancelled';

export interface Download<K extends StreamingOperation> {
  busy: boolean;
  /** the job's progress while the gate writes the file (null before the first step) */
  progress: JobProgress | null;
  cancelling: boolean;
  done: DownloadDone<K> | null;
  error: unknown;
  start(input: OpInput<K>, name: string): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * A streaming operation written by the gate into a file (desktop) or a download (browser),
 * as a job with progress and Cancel. Cancel pressed before the job's "started" event
 * arrives is honoured as soon as it does. `pinned`: see useGate.
 */
export function useDownload<K extends StreamingOperation>(operation: K, pinned?: AccessReason): Download<K> {
  const gate = useGate(pinned);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [done, setDone] = useState<DownloadDone<K> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cancelJob = useRef<(() => Promise<void>) | null>(null);
  const cancelWanted = useRef(false);

  const start = async (input: OpInput<K>, name: string) => {
    setBusy(true);
    cancelWanted.current = false;
    setProgress(null);
    setDone(null);
    setError(null);
    try {
      const result = await gate.download(operation, input, name, {
        onStarted: (cancel) => {
          cancelJob.current = cancel;
          if (cancelWanted.current) void cancel().catch(setError);
        },
        onProgress: setProgress,
      });
      setDone(result ? { result, name } : 'cancelled');
    } catch (problem) {
      if (problem instanceof GateError && problem.code === 'cancelled') setDone('cancelled');
      else setError(problem);
    } finally {
      cancelJob.current = null;
      setBusy(false);
      setCancelling(false);
    }
  };

  const cancel = async () => {
    setCancelling(true);
    cancelWanted.current = true;
    try {
      await cancelJob.current?.();
    } catch (problem) {
      setCancelling(false);
      setError(problem);
    }
  };

  return { busy, progress, cancelling, done, error, start, cancel };
}
