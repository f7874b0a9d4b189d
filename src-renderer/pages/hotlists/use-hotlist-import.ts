import { useRef, useState } from 'react';
import type { HotlistImportInput, HotlistImportResult } from '../../../src-main/contract/hotlists';
import type { JobProgress, UploadedFile } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';
import { useGate } from '../../app/gate';
import { GateError } from '../../client/gate-error';
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
  const client = useClient();
  const gate = useGate();
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [sent, setSent] = useState(0);
  const [upload, setUpload] = useState<UploadedFile | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [firstLine, setFirstLine] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const job = useRef<{ cancel(): Promise<void> } | 'wanted' | null>(null);
  /** which file the answers belong to: a file chosen later makes an earlier upload's answer stale */
  const generation = useRef(0);

  const reset = () => {
    generation.current++;
    setFile(null);
    setSent(0);
    setUpload(null);
    setUploadError(null);
    setFirstLine(null);
    setOutcome(null);
    setProgress(null);
  };

  const choose = (chosen: File) => {
    reset();
    const mine = generation.current;
    setFile({ name: chosen.name, size: chosen.size });
    // A file the browser cannot read as text offers no columns; the gate says what is wrong with it.
    readFirstLine(chosen)
      .then((line) => mine === generation.current && setFirstLine(line))
      .catch(() => mine === generation.current && setFirstLine(''));
    client
      .upload(chosen, (bytes) => mine === generation.current && setSent(bytes))
      .then((done) => mine === generation.current && (setUpload(done), setSent(chosen.size)))
      .catch((error: unknown) => mine === generation.current && setUploadError(error));
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
    file,
    sent,
    upload,
    uploadError,
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
