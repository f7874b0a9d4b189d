import { useRef, useState } from 'react';
import type { AuditFilter } from '../../../src-main/contract/schemas';
import type { DownloadResult, JobProgress } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';
import { GateError } from '../../client/gate-error';
import { localDay } from '../common/format';

export type ExportDone = { result: DownloadResult<'audit.export'>; name: string } | 'cancelled';

export interface ExportCsv {
  busy: boolean;
  /** the export's progress while the gate writes it (null before the first step) */
  progress: JobProgress | null;
  cancelling: boolean;
  done: ExportDone | null;
  error: unknown;
  exportCsv(): Promise<void>;
  cancel(): Promise<void>;
}

/** "Export CSV": the entries matching `filter`, written by the gate into a file or download. */
export function useExportCsv(filter: AuditFilter): ExportCsv {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const cancelJob = useRef<(() => Promise<void>) | null>(null);
  // Cancel pressed before the job's "started" event arrived: honoured as soon as it does.
  const cancelWanted = useRef(false);
  const [done, setDone] = useState<ExportDone | null>(null);
  const [error, setError] = useState<unknown>(null);

  const exportCsv = async () => {
    setBusy(true);
    cancelWanted.current = false;
    setProgress(null);
    setDone(null);
    setError(null);
    const name = `custodian-access-log-${localDay()}.csv`;
    try {
      const result = await client.download('audit.export', { format: 'csv', ...filter }, undefined, name, {
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

  return { busy, progress, cancelling, done, error, exportCsv, cancel };
}
