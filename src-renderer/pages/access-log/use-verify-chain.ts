import { useRef, useState } from 'react';
import type { CheckpointFile, VerifyResult } from '../../../src-main/contract/schemas';
import type { JobProgress } from '../../../src-main/contract/transport';
import { useGate } from '../../app/gate';
import type { RunningJob } from '../../client/client';
import { GateError } from '../../client/gate-error';

export type VerifyOutcome = { kind: 'result'; result: VerifyResult } | { kind: 'cancelled' } | { kind: 'error'; error: unknown };

export interface VerifyChain {
  running: boolean;
  progress: JobProgress | null;
  cancelling: boolean;
  outcome: VerifyOutcome | null;
  /** an exported checkpoint file to check as well, if the person chose one */
  checkpoint: { name: string; file: CheckpointFile } | null;
  fileError: string | null;
  verify(): Promise<void>;
  cancel(): Promise<void>;
  chooseCheckpoint(file: File | null): Promise<void>;
  clearCheckpoint(): void;
}

/** "Verify chain" as a job (`audit.verify`): progress as it runs, Cancel, and the outcome. */
export function useVerifyChain(): VerifyChain {
  const gate = useGate();
  const job = useRef<RunningJob<'audit.verify'> | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const [checkpoint, setCheckpoint] = useState<VerifyChain['checkpoint']>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const verify = async () => {
    setRunning(true);
    setProgress(null);
    setOutcome(null);
    try {
      job.current = await gate.startJob('audit.verify', checkpoint ? { checkpoint: checkpoint.file } : {}, {
        onProgress: setProgress,
      });
      setOutcome({ kind: 'result', result: await job.current.result });
    } catch (error) {
      setOutcome(error instanceof GateError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', error });
    } finally {
      job.current = null;
      setRunning(false);
      setCancelling(false);
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

  const chooseCheckpoint = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    try {
      setCheckpoint({ name: file.name, file: JSON.parse(await file.text()) as CheckpointFile });
    } catch {
      setCheckpoint(null);
      setFileError(`${file.name} is not a checkpoint file (it is not JSON).`);
    }
  };

  return {
    running,
    progress,
    cancelling,
    outcome,
    checkpoint,
    fileError,
    verify,
    cancel,
    chooseCheckpoint,
    clearCheckpoint: () => setCheckpoint(null),
  };
}
