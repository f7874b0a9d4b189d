import { localDay } from '../common/time';
import { useDownload, type Download } from '../common/use-download';
import type { LogQuery } from './use-log-pages';

export type ExportCsv = Download<'audit.export'> & { exportCsv(): Promise<void> };

/** "Export CSV": the entries the list shows (its filter, in its order), written by the gate into a file or download. */
export function useExportCsv(query: LogQuery): ExportCsv {
  const download = useDownload('audit.export');
  return {
    ...download,
    exportCsv: () => download.start({ format: 'csv', ...query }, `custodian-access-log-${localDay()}.csv`),
  };
}
