import { Loader, Table, Text } from '@mantine/core';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';

/** One person's training records (`training.list`), shown when their row is opened. */
export function TrainingRecords({ username, fullName, version }: { username: string; fullName: string; version: number }) {
  const gate = useGate();
  const records = useGateData(() => gate.call('training.list', { username }), [gate, username, version]);

  if (records.error) return <ErrorAlert error={records.error} title={`Could not read the training records of ${fullName}`} />;
  if (!records.data) return <Loader size="sm" aria-label={`Loading the training records of ${fullName}`} />;
  if (records.data.length === 0) return <Text size="sm">No training is recorded for {fullName}.</Text>;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={`Training records of ${fullName}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Course</Table.Th>
          <Table.Th scope="col">Completed on</Table.Th>
          <Table.Th scope="col">Expires on</Table.Th>
          <Table.Th scope="col">Recorded by</Table.Th>
          <Table.Th scope="col">Recorded at</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {records.data.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.course}</Table.Td>
            <Table.Td>{r.completedOn}</Table.Td>
            <Table.Td>{r.expiresOn ?? 'Does not expire'}</Table.Td>
            <Table.Td>{r.recordedBy}</Table.Td>
            <Table.Td>
              <LocalTime iso={r.recordedAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
