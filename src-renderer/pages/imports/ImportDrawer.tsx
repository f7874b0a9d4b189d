import { Button, Drawer, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import type { PlateRead } from '../../../src-main/contract/imports';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatBytes, formatCount, plural } from '../common/format';
import { LocalTime } from '../common/time';
import { HashCopy } from '../common/HashCopy';
import { cameraText, confidenceText, vehicleText } from '../common/read-text';
import { useAction } from '../common/use-action';
import { useGateData } from '../common/use-gate-data';
import { StatusBadge } from './ImportHistory';
import { IdConflicts, ImportAlerts, RejectsDownloadButton } from './ImportSummary';
import { RejectsTable } from '../common/RejectsTable';

/** One import in full: its record, its rejects (and their download), and on request the reads it brought in. */
export function ImportDrawer({ importId, onClose }: { importId: number | null; onClose(): void }) {
  return (
    <Drawer opened={importId !== null} onClose={onClose} position="right" size="xl" title={importId ? `Import #${importId}` : 'Import'}>
      {importId !== null && <ImportDetails key={importId} importId={importId} />}
    </Drawer>
  );
}

function ImportDetails({ importId }: { importId: number }) {
  const gate = useGate();
  const record = useGateData(() => gate.call('import.get', { importId }), [gate, importId]);
  const summary = record.data;
  if (!summary)
    return record.error ? <ErrorAlert error={record.error} title="Could not read this import" /> : <Loader aria-label="Loading" />;
  return (
    <Stack gap="md">
      <dl className="cu-entry-fields">
        <dt>File</dt>
        <dd className="cu-break">{summary.entry ? `${summary.file} › ${summary.entry}` : summary.file}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(summary.size)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <HashCopy hash={summary.sha256} />
        </dd>
        <dt>Format</dt>
        <dd>{summary.formatTitle}</dd>
        <dt>How it was chosen</dt>
        <dd>{summary.detection}</dd>
        <dt>Mapping profile</dt>
        <dd>{summary.profile ?? (summary.mapping ? 'a mapping given at import' : '—')}</dd>
        <dt>Time zone</dt>
        <dd>{summary.timezone}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={summary.status} />
          {summary.error && <Text size="sm">{summary.error}</Text>}
        </dd>
        <dt>Started</dt>
        <dd>
          <LocalTime iso={summary.startedAt} />
        </dd>
        <dt>Finished</dt>
        <dd>{summary.finishedAt ? <LocalTime iso={summary.finishedAt} /> : '—'}</dd>
        <dt>By</dt>
        <dd>{summary.importedBy}</dd>
        <dt>Counts</dt>
        <dd>
          {formatCount(summary.read)} read = {formatCount(summary.imported)} imported + {formatCount(summary.duplicates)} duplicates +{' '}
          {formatCount(summary.rejected)} rejected
          {summary.images > 0 && <>; {plural(summary.images, 'image')}</>}
        </dd>
      </dl>
      <ImportAlerts alerts={summary.alerts} />
      <IdConflicts summary={summary} />
      {summary.rejects.length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            Rejected rows
          </Title>
          <RejectsTable rejects={summary.rejects} total={summary.rejected} label={`Rows of import #${importId} that were rejected`} />
        </div>
      )}
      {summary.rejected > 0 && <RejectsDownloadButton importId={importId} file={summary.file} />}
      {summary.target === 'plate-reads' && summary.imported > 0 && <ImportReads importId={importId} />}
    </Stack>
  );
}

const PAGE = 100;

/** The plate reads the import stored. They are ALPR data: opening them asks for a case and purpose, and is logged. */
function ImportReads({ importId }: { importId: number }) {
  const gate = useGate();
  const [shown, setShown] = useState<{ total: number; reads: PlateRead[]; access: AccessReason } | null>(null);
  const action = useAction();

  const load = (offset: number) =>
    action.run(async () => {
      const { result, access } = await gate.open('import.reads', { importId, offset, limit: PAGE });
      const answer = { ...result, access };
      setShown((current) => (offset === 0 || !current ? answer : { ...answer, reads: [...current.reads, ...answer.reads] }));
    });

  return (
    <section aria-labelledby="cu-import-reads">
      <Title order={3} size="h5" id="cu-import-reads" mb={4}>
        Plate reads from this import
      </Title>
      {!shown && (
        <Stack gap="xs" align="flex-start">
          <Text size="sm">Plate reads are ALPR data: showing them needs a case number and a purpose, and the access log records it.</Text>
          <Button leftSection={<IconEye size={16} aria-hidden />} onClick={() => void load(0)} loading={action.busy}>
            Show reads
          </Button>
        </Stack>
      )}
      <ErrorAlert error={action.error} title="Not opened" />
      {shown && (
        <Stack gap="xs">
          <Text size="sm" className="cu-muted">
            {plural(shown.total, 'read')} · opened for case {shown.access.caseNumber}: {shown.access.purpose}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={`Plate reads from import #${importId}`} verticalSpacing={4} className="cu-reads-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" className="cu-num">
                    Line
                  </Table.Th>
                  <Table.Th scope="col">Plate</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Captured</Table.Th>
                  <Table.Th scope="col">Camera</Table.Th>
                  <Table.Th scope="col" className="cu-num">
                    Confidence
                  </Table.Th>
                  <Table.Th scope="col">Vehicle</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.reads.map((read) => (
                  <Table.Tr key={read.id}>
                    <Table.Td className="cu-num">{formatCount(read.line)}</Table.Td>
                    <Table.Td className="cu-mono">{read.plate}</Table.Td>
                    <Table.Td>{read.state ?? '—'}</Table.Td>
                    <Table.Td className="cu-nowrap" title={`As written in the file: ${read.capturedText}`}>
                      <LocalTime iso={read.capturedAt} />
                    </Table.Td>
                    <Table.Td>{cameraText(read)}</Table.Td>
                    <Table.Td className="cu-num">{confidenceText(read.confidence)}</Table.Td>
                    <Table.Td>{vehicleText(read)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {shown.reads.length < shown.total && (
            <Button variant="default" onClick={() => void load(shown.reads.length)} loading={action.busy} className="cu-self-start">
              Show {formatCount(Math.min(PAGE, shown.total - shown.reads.length))} more
            </Button>
          )}
        </Stack>
      )}
    </section>
  );
}
