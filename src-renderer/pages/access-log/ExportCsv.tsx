import { Button } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { DownloadStatus } from '../common/DownloadStatus';
import { plural } from '../common/format';
import type { ExportCsv } from './use-export-csv';

export function ExportButton({ exporter, filtered }: { exporter: ExportCsv; filtered: boolean }) {
  return (
    <Button
      variant="default"
      leftSection={<IconFileDownload size={18} aria-hidden />}
      onClick={() => void exporter.exportCsv()}
      loading={exporter.busy}
    >
      {filtered ? 'Export CSV (filtered)' : 'Export CSV'}
    </Button>
  );
}

/** What the export wrote, with the SHA-256 of exactly those bytes to note on the evidence form. */
export function ExportStatus({ exporter }: { exporter: ExportCsv }) {
  return <DownloadStatus download={exporter} label="Exporting the access log" written={(s) => plural(s.entries, 'entry', 'entries')} />;
}
