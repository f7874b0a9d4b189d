import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconFileDownload } from '@tabler/icons-react';
import type { IdConflict, ImportSummary } from '../../../src-main/contract/imports';
import { ErrorAlert } from '../common/error-alert';
import { formatCount, plural } from '../common/format';
import { HashCopy } from '../common/HashCopy';
import { JobProgress } from '../common/job-progress';
import { RejectsTable } from '../common/RejectsTable';
import { useDownload } from '../common/use-download';
import { SheetsCountsTable } from './WorkbookSheets';

// What an import did, as the file card shows it when the import ends and the import drawer shows it later.

/** What an import did: the file and its hash, the format, and the counts that always add up. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  return (
    <Paper withBorder p="md" className="cu-import-summary" data-testid="import-summary">
      <Stack gap="sm">
        <Title order={4}>Imported {summary.file}</Title>
        <dl className="cu-import-facts">
          <dt>Format</dt>
          <dd>{summary.formatTitle}</dd>
          <dt>SHA-256</dt>
          <dd>
            <HashCopy hash={summary.sha256} />
          </dd>
          <dt>Time zone</dt>
          <dd>{summary.timezone}</dd>
        </dl>
        <ul className="cu-counts" aria-label="Counts">
          <li>
            <span className="cu-count-value">{formatCount(summary.read)}</span> read
          </li>
          <li>
            <span className="cu-count-value">{formatCount(summary.imported)}</span> imported
          </li>
          <li>
            <span className="cu-count-value">{formatCount(summary.duplicates)}</span> duplicates
          </li>
          <li>
            <span className="cu-count-value">{formatCount(summary.rejected)}</span> rejected
          </li>
        </ul>
        <Text size="sm" data-testid="accounting">
          Every row read is accounted for: {formatCount(summary.imported)} imported + {formatCount(summary.duplicates)} duplicates (already
          held) + {formatCount(summary.rejected)} rejected = {formatCount(summary.read)} read.
        </Text>
        <SheetsCountsTable sheets={summary.sheets} fileName={summary.file} />
        <ImportAlerts alerts={summary.alerts} />
        <IdConflicts summary={summary} />
        {summary.rejects.length > 0 && (
          <RejectsTable rejects={summary.rejects} total={summary.rejected} label={`Rows of ${summary.file} that were rejected`} />
        )}
        {summary.rejected > 0 && <RejectsDownloadButton importId={summary.importId} file={summary.file} />}
      </Stack>
    </Paper>
  );
}

/**
 * The hot-list alerts an import's reads raised, with the way to the Alerts page: each is a lead
 * to verify, not grounds for action (policy 427.4(f)). Nothing is shown when there are none.
 */
export function ImportAlerts({ alerts }: { alerts: number }) {
  if (alerts === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconBell aria-hidden />} data-testid="import-alerts">
      <Stack gap="xs" align="flex-start">
        <Text size="sm" data-testid="import-alerts-sentence">
          {plural(alerts, 'hot-list alert')} raised — verify each on the Alerts page before acting (policy 427.4(f)).
        </Text>
        <Button component="a" href="#/alerts" size="compact-sm" leftSection={<IconBell size={14} aria-hidden />}>
          Open the Alerts page
        </Button>
      </Stack>
    </Alert>
  );
}

/** Where the row a conflict met is: "line 12 of this file", or "line 7 of import #3 (audit.csv)". */
function earlierRow(conflict: IdConflict, importId: number): string {
  const { earlier } = conflict;
  return earlier.importId === importId
    ? `line ${formatCount(earlier.line)} of this file`
    : `line ${formatCount(earlier.line)} of import #${earlier.importId} (${earlier.file})`;
}

/**
 * Rows kept though the vendor's id (a Flock search or event id) was already held for a row
 * with other content: the vendor gave one id to two different records, and a person has to
 * see which is right. Both rows are kept; nothing is shown when there are none.
 */
export function IdConflicts({
  summary,
  limit = 10,
}: {
  summary: Pick<ImportSummary, 'importId' | 'file' | 'conflicts' | 'conflictCount'>;
  limit?: number;
}) {
  if (summary.conflictCount === 0) return null;
  const shown = summary.conflicts.slice(0, limit);
  const more = summary.conflictCount - shown.length;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title="Same vendor id, different content" data-testid="id-conflicts">
      <Stack gap="xs">
        <Text size="sm">
          {plural(summary.conflictCount, 'row')} of {summary.file} {summary.conflictCount === 1 ? 'carries' : 'carry'} a vendor id already
          held for a row that says something else. Both rows are kept; check which one is right before relying on either.
        </Text>
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label={`Rows of ${summary.file} whose vendor id was already held`} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" className="cu-num">
                  Line
                </Table.Th>
                <Table.Th scope="col">Vendor id</Table.Th>
                <Table.Th scope="col">Already held at</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((conflict) => (
                <Table.Tr key={`${conflict.line}-${conflict.earlier.importId}-${conflict.earlier.line}`}>
                  <Table.Td className="cu-num">{formatCount(conflict.line)}</Table.Td>
                  <Table.Td className="cu-mono cu-break">{conflict.vendorId}</Table.Td>
                  <Table.Td>
                    {earlierRow(conflict, summary.importId)}
                    {!conflict.differs && ' (the same row, stored twice before ids were compared)'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {more > 0 && (
          <Text size="sm" className="cu-muted">
            and {formatCount(more)} more.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** "Download rejects (CSV)": every rejected row of one import, written by the gate into a file or download. */
export function RejectsDownloadButton({ importId, file }: { importId: number; file: string }) {
  const download = useDownload('import.rejects');
  const { done } = download;
  const name = `${file.replace(/\.[^.]+$/, '')}-rejects-import-${importId}.csv`;
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="default"
          leftSection={<IconFileDownload size={16} aria-hidden />}
          onClick={() => void download.start({ importId }, name)}
          loading={download.busy}
        >
          Download rejects (CSV)
        </Button>
      </Group>
      {download.busy && download.progress && (
        <JobProgress
          label="Writing the rejects"
          progress={download.progress}
          onCancel={() => void download.cancel()}
          cancelling={download.cancelling}
        />
      )}
      <ErrorAlert error={download.error} title="The rejects were not downloaded" />
      {done && done !== 'cancelled' && (
        <Text size="sm" role="status">
          Wrote {plural(done.result.summary.rows, 'rejected row')} to {done.result.savedTo ?? done.name} (SHA-256{' '}
          <span className="cu-hash">{done.result.summary.sha256}</span>).
        </Text>
      )}
    </Stack>
  );
}
