import type { AuditFilter } from '../../../src-main/contract/schemas';
import { localDay } from '../common/time';
import { useDownload, type Download } from '../common/use-download';

export type ExportCsv = Download<'audit.export'> & { exportCsv(): Promise<void> };

/** "Export CSV": the entries matching `filter`, written by the gate into a file or download. */
export function useExportCsv(filter: AuditFilter): ExportCsv {
  const download = useDownload('audit.export');
  return {
    ...download,
    exportCsv: () => download.start({ format: 'csv', ...filter }, `custodian-access-log-${localDay()}.csv`),
  };
}
