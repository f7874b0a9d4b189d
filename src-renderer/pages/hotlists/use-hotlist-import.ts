import { useRef, useState } from 'react';
import type { HotlistImportInput, HotlistImportResult } from '../../../src-main/contract/hotlists';
import type { JobProgress, UploadedFile } from '../../../src-main/contract/transport';
import { useGate } from '../../app/gate';
import { GateError } from '../../client/gate-error';
import { useUpload } from '../common/use-upload';
import { readFirstLine } from './mapping';

export type ImportOutcome = { kind: 'done'; result: HotlistImportResult } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

export interface HotlistImport {
  file: { name: string; size: number } | null;
  /** bytes sent so far */
  sent: number;
  upload: UploadedFile | null;
  uploadError: unknown;
  /** the file's first line, read in the browser for the mapping editor; null until read */
  firstLine: string | null;
  importing: boolean;
  progress: JobProgress | null;
  cancelling: boolean;
  outcome: ImportOutcome | null;
  /** send a file into the encrypted staging area (the Imports page's `client.upload`), replacing any earlier one */
  choose(file: File): void;
  clear(): void;
  /** put away a refusal once the settings it answered are changed */
  dismiss(): void;
  run(request: Omit<HotlistImportInput, 'source'>): Promise<void>;
  cancel(): Promise<void>;
}

/** One hot-list file: sent first, then imported as a job (progress, Cancel) under the case and purpose in use. */
export function useHotlistImport(onImported: () => void): HotlistImport {
  const gate = useGate();
  const sending = useUpload();
  const { upload } = sending;
  const [firstLine, setFirstLine] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const job = useRef<{ cancel(): Promise<void> } | 'wanted' | null>(null);

  const reset = () => {
    sending.reset();
    setFirstLine(null);
    setOutcome(null);
    setProgress(null);
  };

  const choose = (chosen: File) => {
    reset();
    const { isCurrent } = sending.send(chosen);
    // A file the browser cannot read as text offers no columns; the gate says what is wrong with it.
    readFirstLine(chosen)
      .then((line) => isCurrent() && setFirstLine(line))
      .catch(() => isCurrent() && setFirstLine(''));
  };

  const run = async (request: Omit<HotlistImportInput, 'source'>) => {
    if (!upload) return;
    setImporting(true);
    setProgress(null);
    setCancelling(false);
    setOutcome(null);
    try {
      const started = await gate.startJob(
        'hotlist.import',
        { ...request, source: { uploadId: upload.uploadId } },
        { onProgress: setProgress },
      );
      const wanted = job.current === 'wanted';
      job.current = started;
      if (wanted) void started.cancel();
      const result = await started.result;
      setOutcome({ kind: 'done', result });
      onImported();
    } catch (error) {
      setOutcome(error instanceof GateError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error });
    } finally {
      job.current = null;
      setImporting(false);
      setCancelling(false);
    }
  };

  const cancel = async () => {
    setCancelling(true);
    const running = job.current;
    if (running && running !== 'wanted') await running.cancel();
    else job.current = 'wanted';
  };

  const dismiss = () => setOutcome((current) => (current?.kind === 'failed' ? null : current));

  return {
    file: sending.file,
    sent: sending.sent,
    upload,
    uploadError: sending.error,
    firstLine,
    importing,
    progress,
    cancelling,
    outcome,
    choose,
    clear: reset,
    dismiss,
    run,
    cancel,
  };
}
