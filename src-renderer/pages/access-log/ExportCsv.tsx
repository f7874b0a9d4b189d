import { Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconFileDownload } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/error-alert';
import { JobProgress } from '../../components/job-progress';
import { plural } from '../common/format';
import type { ExportCsv } from './use-export-csv';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

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
  const { done, error } = exporter;
  return (
    <div className="cu-tool-status">
      {exporter.busy && (
        <Paper withBorder p="sm">
          <JobProgress
            label="Exporting the access log"
            progress={exporter.progress}
            onCancel={() => void exporter.cancel()}
            cancelling={exporter.cancelling}
          />
        </Paper>
      )}
      <ErrorAlert error={error} title="The export did not complete" />
      <div aria-live="polite">
        {done === 'cancelled' && <Text>Export cancelled; no file was written.</Text>}
        {done && done !== 'cancelled' && (
          <Paper withBorder p="sm" className="cu-export-result">
            <Stack gap={4}>
              <Text>
                Exported {plural(done.result.summary.entries, 'entry', 'entries')} ({size(done.result.summary.bytes)}){' '}
                {done.result.savedTo ? (
                  <>
                    to <span className="cu-mono">{done.result.savedTo}</span>
                  </>
                ) : (
                  <>
                    as <span className="cu-mono">{done.name}</span>
                  </>
                )}
                .
              </Text>
              <Group gap="xs" wrap="nowrap" align="center">
                <Text size="sm" fw={600} component="span">
                  SHA-256:
                </Text>
                <span className="cu-hash" data-testid="export-sha256">
                  {done.result.summary.sha256}
                </span>
                <CopyButton value={done.result.summary.sha256}>
                  {({ copied, copy }) => (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                    >
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm" className="cu-muted">
                Note the SHA-256 on the evidence form. The access log keeps it too, in the entry for this export, so the file can later be
                shown to be unaltered.
              </Text>
            </Stack>
          </Paper>
        )}
      </div>
    </div>
  );
}
