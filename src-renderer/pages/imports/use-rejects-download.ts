import { useRef, useState } from 'react';
import type { JobProgress } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';
import { GateError } from '../../client/gate-error';

export interface RejectsDone {
  rows: number;
  sha256: string;
  savedTo: string | null;
  name: string;
}

/** "Download rejects (CSV)": every rejected row of one import, written by the gate into a file or download. */
export function useRejectsDownload(importId: number, file: string) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [done, setDone] = useState<RejectsDone | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cancelJob = useRef<(() => Promise<void>) | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setProgress(null);
    const name = `${file.replace(/\.[^.]+$/, '')}-rejects-import-${importId}.csv`;
    try {
      const result = await client.download('import.rejects', { importId }, undefined, name, {
        onStarted: (cancel) => (cancelJob.current = cancel),
        onProgress: setProgress,
      });
      if (result) setDone({ rows: result.summary.rows, sha256: result.summary.sha256, savedTo: result.savedTo, name });
    } catch (problem) {
      if (!(problem instanceof GateError && problem.code === 'cancelled')) setError(problem);
    } finally {
      cancelJob.current = null;
      setBusy(false);
    }
  };
  const cancel = async () => {
    await cancelJob.current?.();
  };
  return { busy, progress, done, error, run, cancel };
}
