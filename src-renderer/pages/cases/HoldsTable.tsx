import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Hold } from '../../../src-main/contract/cases';
import { useGate } from '../../app/gate';
import { Badge } from '../common/badge';
import { ErrorAlert } from '../common/error-alert';
import { formatCount } from '../common/format';
import { LocalTime } from '../common/time';
import { REASON_LABELS } from './labels';

/** Holds with what each keeps, and, for someone who may manage them, Extend (a new review date) and Release. */
export function HoldsTable({
  holds,
  label,
  mayManage,
  onRelease,
  onChanged,
}: {
  holds: Hold[];
  label: string;
  mayManage: boolean;
  onRelease(hold: Hold): void;
  onChanged(message: string): void;
}) {
  const gate = useGate();
  const [dates, setDates] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  if (holds.length === 0) return <Text size="sm">No holds.</Text>;

  const extend = async (hold: Hold) => {
    setError(null);
    try {
      // no date chosen: one click extends by the retention schedule for the hold's reason
      const chosen = dates[hold.id];
      const moved = await gate.call('hold.extend', { holdId: hold.id, ...(chosen ? { reviewOn: chosen } : {}) });
      onChanged(`Hold ${moved.id} on case ${moved.caseNumber} is now reviewed on ${moved.reviewOn}.`);
    } catch (problem) {
      setError(problem);
    }
  };

  return (
    <>
      <ErrorAlert error={error} title="The hold was not changed" />
      <Table withTableBorder verticalSpacing="xs" fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Hold</Table.Th>
            <Table.Th scope="col">Case</Table.Th>
            <Table.Th scope="col">Keeps</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col" ta="right">
              Reads
            </Table.Th>
            <Table.Th scope="col">Placed</Table.Th>
            <Table.Th scope="col">Review on</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {holds.map((hold) => (
            <Table.Tr key={hold.id}>
              <Table.Td>{hold.id}</Table.Td>
              <Table.Td>{hold.caseNumber}</Table.Td>
              <Table.Td>{hold.keeps}</Table.Td>
              <Table.Td>{hold.reason === 'other' ? `Other: ${hold.reasonText}` : REASON_LABELS[hold.reason]}</Table.Td>
              <Table.Td ta="right">{formatCount(hold.reads)}</Table.Td>
              <Table.Td>
                <LocalTime iso={hold.placedAt} /> by {hold.placedBy}
              </Table.Td>
              <Table.Td>{hold.reviewOn}</Table.Td>
              <Table.Td>
                {hold.releasedAt ? (
                  <Text size="sm">
                    <Badge>Released</Badge> <LocalTime iso={hold.releasedAt} /> by {hold.releasedBy}: {hold.releaseReason}
                  </Text>
                ) : mayManage ? (
                  <Group gap="xs" wrap="nowrap">
                    <TextInput
                      type="date"
                      size="xs"
                      aria-label={`New review date for hold ${hold.id} (left empty: the retention schedule for its reason)`}
                      value={dates[hold.id] ?? ''}
                      onChange={(e) => setDates({ ...dates, [hold.id]: e.currentTarget.value })}
                    />
                    <Button size="xs" variant="default" onClick={() => void extend(hold)}>
                      Extend
                    </Button>
                    <Button size="xs" variant="default" color="red.9" onClick={() => onRelease(hold)}>
                      Release
                    </Button>
                  </Group>
                ) : (
                  <Badge tone="ok">Active</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
