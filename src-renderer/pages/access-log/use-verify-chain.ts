import { useState } from 'react';
import type { CheckpointFile, VerifyResult } from '../../../src-main/contract/schemas';
import { useCancellableJob, type CancellableJob, type JobOutcome } from '../common/use-cancellable-job';

export type VerifyOutcome = JobOutcome<VerifyResult>;

export interface VerifyChain extends Omit<CancellableJob<'audit.verify'>, 'start'> {
  /** an exported checkpoint file to check as well, if the person chose one */
  checkpoint: { name: string; file: CheckpointFile } | null;
  fileError: string | null;
  verify(): Promise<void>;
  chooseCheckpoint(file: File | null): Promise<void>;
  clearCheckpoint(): void;
}

/** "Verify chain" as a job (`audit.verify`): progress as it runs, Cancel, and the outcome. */
export function useVerifyChain(): VerifyChain {
  const { start, ...job } = useCancellableJob('audit.verify');
  const [checkpoint, setCheckpoint] = useState<VerifyChain['checkpoint']>(null);
  const [fileError, setFileError] = useState<string | null>(null);

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
    ...job,
    checkpoint,
    fileError,
    verify: () => start(checkpoint ? { checkpoint: checkpoint.file } : {}),
    chooseCheckpoint,
    clearCheckpoint: () => setCheckpoint(null),
  };
}
