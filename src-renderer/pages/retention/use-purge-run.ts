import { useRef, useState } from 'react';
import type { PurgeRun } from '../../../src-main/contract/retention';
import type { JobProgress } from '../../../src-main/contract/transport';
import { useGate } from '../../app/gate';
import type { RunningJob } from '../../client/client';
import { GateError } from '../../client/gate-error';

export type PurgeOutcome = { kind: 'finished'; run: PurgeRun } | { kind: 'cancelled' } | { kind: 'error'; error: unknown };

/** "Run the purge now" as a job (`purge.run`): progress as it runs, Cancel, and how it ended. */
export function usePurgeRun(onEnded: () => void) {
  const gate = useGate();
  const job = useRef<RunningJob<'purge.run'> | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<PurgeOutcome | null>(null);

  const start = async () => {
    setRunning(true);
    setProgress(null);
    setOutcome(null);
    try {
      job.current = await gate.startJob('purge.run', {}, { onProgress: setProgress });
      setOutcome({ kind: 'finished', run: await job.current.result });
    } catch (error) {
      setOutcome(error instanceof GateError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error });
    } finally {
      job.current = null;
      setRunning(false);
      setCancelling(false);
      onEnded();
    }
  };

  const cancel = async () => {
    setCancelling(true);
    await job.current?.cancel();
  };

  return { running, progress, cancelling, outcome, start, cancel };
}
