import { Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { actionPhrase, OUTCOME_PHRASES } from '../../../src-main/contract/phrases';
import type { Hold } from '../../../src-main/contract/cases';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { plural } from '../common/format';
import { roleList, usePermissions } from '../common/permissions';
import { LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { HoldForm } from './HoldForm';
import { HoldsTable } from './HoldsTable';

/** One case: its holds and their history, a hold by query, closing it, and every access-log entry that named it. */
export function CasePanel({
  number,
  version,
  onRelease,
  onChanged,
}: {
  number: string;
  version: number;
  onRelease(hold: Hold): void;
  onChanged(message: string): void;
}) {
  const gate = useGate();
  const { may, rolesFor } = usePermissions();
  const shown = useGateData(() => gate.call('case.show', { number }), [gate, number, version]);
  const history = useGateData(() => gate.call('case.history', { number, limit: 200 }), [gate, number, version], may('audit.read'));
  const c = shown.data?.case;

  const close = async () => {
    const closed = await gate.call('case.close', { number });
    onChanged(
      `Case ${closed.number} closed on ${closed.closedOn}.${closed.activeHolds ? ` ${plural(closed.activeHolds, 'hold')} still active: see the review queue.` : ''}`,
    );
  };

  if (shown.error) return <ErrorAlert error={shown.error} title={`Could not open case ${number}`} />;
  if (!shown.data || !c) return <Loader aria-label={`Loading case ${number}`} />;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={2} size="h4">
              Case {c.number}: {c.title}
            </Title>
            <Text size="sm">
              {c.type} · lead {c.lead} · opened {c.openedOn}
              {c.closedOn ? ` · closed ${c.closedOn}` : ''}
            </Text>
          </div>
          {may('cases.manage') && !c.closedOn && (
            <Button variant="default" onClick={() => void close()}>
              Close the case
            </Button>
          )}
        </Group>
        <Title order={3} size="h5">
          Holds
        </Title>
        <HoldsTable
          holds={shown.data.holds}
          label={`Holds of case ${c.number}`}
          mayManage={may('cases.manage')}
          onRelease={onRelease}
          onChanged={onChanged}
        />
        {shown.data.events.length > 0 && (
          <Stack gap={2} aria-label={`History of the holds of case ${c.number}`}>
            {shown.data.events.map((e) => (
              <Text size="xs" key={e.id}>
                Hold {e.holdId} {e.event} <LocalTime iso={e.at} /> by {e.by}: {e.detail}
              </Text>
            ))}
          </Stack>
        )}
        {may('cases.manage') && !c.closedOn && (
          <>
            <Title order={3} size="h5">
              Hold reads by query
            </Title>
            <HoldForm
              caseNumber={c.number}
              onPlaced={(hold) => onChanged(`Hold ${hold.id} placed: ${hold.keeps}, ${plural(hold.reads, 'stored read')} kept now.`)}
            />
          </>
        )}
        <Title order={3} size="h5">
          Access history
        </Title>
        {!may('audit.read') ? (
          <Text size="sm">Only {roleList(rolesFor('audit.read'))} may read the access log.</Text>
        ) : history.error ? (
          <ErrorAlert error={history.error} title="Could not read the case's access history" />
        ) : !history.data ? (
          <Loader size="sm" aria-label="Loading the access history" />
        ) : history.data.total === 0 ? (
          <Text size="sm">No access-log entry has named case {c.number} yet.</Text>
        ) : (
          <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={`Access history of case ${c.number}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.entries.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>
                    <LocalTime iso={e.at} />
                  </Table.Td>
                  <Table.Td>{e.fullName ?? e.username ?? 'Unknown'}</Table.Td>
                  <Table.Td>{actionPhrase(e.operation)}</Table.Td>
                  <Table.Td>{e.purpose}</Table.Td>
                  <Table.Td>{OUTCOME_PHRASES[e.outcome]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
