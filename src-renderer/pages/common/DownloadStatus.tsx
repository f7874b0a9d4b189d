import { Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { OpOutput } from '../../../src-main/contract/operations';
import type { StreamingOperation } from '../../../src-main/contract/transport';
import { ErrorAlert } from './error-alert';
import { JobProgress } from './job-progress';
import type { Download } from './use-download';
import { formatBytes } from './format';

interface DownloadStatusProps<K extends StreamingOperation> {
  download: Download<K>;
  /** what is being written, e.g. "Exporting the selected reads" */
  label: string;
  /** what was written, counted ("12 reads") */
  written(summary: OpOutput<K>): string;
}

/**
 * A download as it runs (progress, Cancel) and when done: what was written, where, and the
 * SHA-256 of exactly those bytes to note on the evidence form. No space is taken until
 * there is something to show.
 */
export function DownloadStatus<K extends StreamingOperation>({ download, label, written }: DownloadStatusProps<K>) {
  const { done, error } = download;
  return (
    <div className="cu-tool-status">
      {download.busy && (
        <Paper withBorder p="sm">
          <JobProgress
            label={label}
            progress={download.progress}
            onCancel={() => void download.cancel()}
            cancelling={download.cancelling}
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
                Exported {written(done.result.summary)} ({formatBytes(done.result.summary.bytes)}){' '}
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
