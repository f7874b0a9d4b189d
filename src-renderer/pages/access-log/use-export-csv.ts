import { useState } from 'react';
import type { AuditFilter } from '../../../src-main/contract/schemas';
import type { DownloadResult } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';
import { localDay } from '../common/format';

export type ExportDone = { result: DownloadResult<'audit.export'>; name: string } | 'cancelled';

export interface ExportCsv {
  busy: boolean;
  done: ExportDone | null;
  error: unknown;
  exportCsv(): Promise<void>;
}

/** "Export CSV": the entries matching `filter`, written by the gate into a file or download. */
export function useExportCsv(filter: AuditFilter): ExportCsv {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone | null>(null);
  const [error, setError] = useState<unknown>(null);

  const exportCsv = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    const name = `custodian-access-log-${localDay()}.csv`;
    try {
      const result = await client.download('audit.export', { format: 'csv', ...filter }, undefined, name);
      setDone(result ? { result, name } : 'cancelled');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return { busy, done, error, exportCsv };
}
