import { Button, Checkbox, Loader, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { IMPORT_STATUS_PHRASES, importFormatName, type ImportRecord } from '../../../src-main/contract/imports';
import { ErrorAlert } from '../common/error-alert';
import { Badge, type BadgeTone } from '../common/badge';
import { ImportCountCells, ImportCountHeaders } from './ImportCounts';
import { LocalTime } from '../common/time';
import type { GateData } from '../common/use-gate-data';

const STATUS_TONE: Record<ImportRecord['status'], BadgeTone> = {
  running: 'info',
  committed: 'ok',
  cancelled: 'warn',
  failed: 'bad',
  interrupted: 'bad',
};

export function StatusBadge({ status }: { status: ImportRecord['status'] }) {
  return <Badge tone={STATUS_TONE[status]}>{IMPORT_STATUS_PHRASES[status]}</Badge>;
}

/** Every import, newest first: when, who, which file (and its SHA-256), the format, how it ended and its counts. */
export function ImportHistory({
  history,
  onOpen,
  onlyWithRejects,
  onOnlyWithRejects,
}: {
  history: GateData<ImportRecord[]>;
  onOpen(importId: number): void;
  /** only the imports that rejected rows (`#/imports?rejects=only`) */
  onlyWithRejects: boolean;
  onOnlyWithRejects(only: boolean): void;
}) {
  const records = history.data;
  return (
    <section aria-labelledby="cu-import-history" className="cu-import-history">
      <div className="cu-section-head">
        <Title order={2} id="cu-import-history" size="h3">
          History
        </Title>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => void history.reload()}
        >
          Refresh
        </Button>
      </div>
      <Checkbox
        label="Only imports with rejected rows"
        checked={onlyWithRejects}
        onChange={(event) => onOnlyWithRejects(event.currentTarget.checked)}
        mb="sm"
      />
      <ErrorAlert error={history.error} title="Could not read the import history" />
      {records === null ? (
        history.loading && <Loader aria-label="Loading the import history" />
      ) : records.length === 0 ? (
        <Text>{onlyWithRejects ? 'No import has rejected rows.' : 'No imports yet.'}</Text>
      ) : (
        <Table.ScrollContainer minWidth={940}>
          <Table aria-label="Imports" highlightOnHover verticalSpacing="xs" className="cu-history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Started</Table.Th>
                <Table.Th scope="col">By</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Format</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <ImportCountHeaders />
                <Table.Th scope="col" className="cu-nowrap">
                  SHA-256
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((record) => (
                <Table.Tr key={record.importId} data-import-id={record.importId}>
                  <Table.Td className="cu-nowrap">
                    <LocalTime iso={record.startedAt} />
                  </Table.Td>
                  <Table.Td>{record.importedBy}</Table.Td>
                  <Table.Td className="cu-break">
                    <Button variant="subtle" size="compact-sm" onClick={() => onOpen(record.importId)} className="cu-link-button">
                      {record.entry ? `${record.file} › ${record.entry}` : record.file}
                    </Button>
                  </Table.Td>
                  <Table.Td title={record.formatTitle}>{importFormatName(record.format)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={record.status} />
                  </Table.Td>
                  <ImportCountCells counts={record} />
                  <Table.Td className="cu-nowrap">
                    {record.sha256 ? (
                      <span className="cu-hash" title={record.sha256} data-testid="history-sha256">
                        {record.sha256.slice(0, 10)}…
                      </span>
                    ) : (
                      <span className="cu-muted">—</span>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
