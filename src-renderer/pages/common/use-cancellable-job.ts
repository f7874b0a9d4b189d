import { useRef, useState } from 'react';
import type { OpInput, OpOutput } from '../../../src-main/contract/operations';
import type { JobOperation, JobProgress } from '../../../src-main/contract/transport';
import { useGate } from '../../app/gate';
import type { RunningJob } from '../../client/client';
import { GateError } from '../../client/gate-error';

/** How a job a person started ended: its result, cancelled by them, or an error to show. */
export type JobOutcome<T> = { kind: 'finished'; result: T } | { kind: 'cancelled' } | { kind: 'error'; error: unknown };

export interface CancellableJob<K extends JobOperation> {
  running: boolean;
  progress: JobProgress | null;
  cancelling: boolean;
  outcome: JobOutcome<OpOutput<K>> | null;
  start(input: OpInput<K>): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * A long job started from a page (`gate.startJob`), one at a time: its progress as it runs, a
 * Cancel, and how it ended. `onEnded` runs however it ended (to reload a list it changed).
 */
export function useCancellableJob<K extends JobOperation>(operation: K, onEnded?: () => void): CancellableJob<K> {
  const gate = useGate();
  const job = useRef<RunningJob<K> | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<JobOutcome<OpOutput<K>> | null>(null);

  const start = async (input: OpInput<K>) => {
    setRunning(true);
    setProgress(null);
    setOutcome(null);
    try {
      job.current = await gate.startJob(operation, input, { onProgress: setProgress });
      setOutcome({ kind: 'finished', result: await job.current.result });
    } catch (error) {
      setOutcome(error instanceof GateError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error });
    } finally {
      job.current = null;
      setRunning(false);
      setCancelling(false);
      onEnded?.();
    }
  };

  const cancel = async () => {
    setCancelling(true);
    try {
      await job.current?.cancel();
    } catch (error) {
      setCancelling(false);
      setOutcome({ kind: 'error', error });
    }
  };

  return { running, progress, cancelling, outcome, start, cancel };
}
