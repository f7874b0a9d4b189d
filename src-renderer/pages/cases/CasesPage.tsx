import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Hold } from '../../../src-main/contract/cases';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { roleList, usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { useFormAction } from '../common/use-form-action';
import { useGateData } from '../common/use-gate-data';
import { CasePanel } from './CasePanel';
import { HoldsTable } from './HoldsTable';
import { ReleaseHoldModal } from './ReleaseHoldModal';
import '../common/pages.css';

type Field = 'number' | 'title' | 'type' | 'lead';
const FIELDS: readonly Field[] = ['number', 'title', 'type', 'lead'];
const LABELS: Record<Field, string> = { number: 'Case number', title: 'Title', type: 'Case type', lead: 'Lead investigator' };

function CreateCaseForm({ onCreated }: { onCreated(number: string): void }) {
  const gate = useGate();
  const empty = { number: '', title: '', type: '', lead: '' };
  const [form, setForm] = useState(empty);
  const action = useFormAction<Field>({ byPath: Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<string, Field> });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action.check(Object.fromEntries(FIELDS.map((f) => [f, !form[f].trim() && `Give the ${LABELS[f].toLowerCase()}.`])))) return;
    await action.run(async () => {
      const created = await gate.call('case.create', form);
      setForm(empty);
      onCreated(created.number);
    });
  };
  return (
    <form ref={action.formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          {FIELDS.map((f) => (
            <TextInput
              key={f}
              label={LABELS[f]}
              required
              value={form[f]}
              error={action.fieldErrors[f]}
              onChange={(e) => {
                setForm({ ...form, [f]: e.currentTarget.value });
                action.clearField(f);
              }}
            />
          ))}
        </Group>
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconFolderPlus size={18} aria-hidden />} loading={action.busy}>
            Open the case
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Cases & holds (Policy 427.5): the cases whose holds keep reads past the retention period, a
 * case's holds and its own access history, and the review queue of holds past their review
 * date and closed cases still holding reads.
 */
export function CasesPage() {
  const gate = useGate();
  const { may, rolesFor } = usePermissions();
  const [version, setVersion] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const cases = useGateData(() => gate.call('case.list', {}), [gate, version]);
  const review = useGateData(() => gate.call('hold.review', {}), [gate, version]);
  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
  };
  const queue = review.data;

  return (
    <Stack className="cu-page">
      <div>
        <Title order={1}>Cases &amp; holds</Title>
        <Text className="cu-muted">
          A hold keeps a case&apos;s reads past the retention period: chosen reads (from Search), every read matching a query, or a whole
          import. Placing, extending and releasing holds is logged.
        </Text>
      </div>
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Awaiting review
        </Title>
        <ErrorAlert error={review.error} title="Could not read the review queue" />
        {queue && queue.holdsDue.length === 0 && queue.closedWithHolds.length === 0 && <Text size="sm">Nothing awaits review.</Text>}
        {queue && queue.holdsDue.length > 0 && (
          <HoldsTable
            holds={queue.holdsDue}
            label="Holds past their review date"
            mayManage={may('cases.manage')}
            onRelease={setReleasing}
            onChanged={changed}
          />
        )}
        {queue?.closedWithHolds.map((c) => (
          <Text size="sm" key={c.id}>
            Case {c.number} closed on {c.closedOn} with {c.activeHolds} active {c.activeHolds === 1 ? 'hold' : 'holds'}:{' '}
            <Anchor component="button" type="button" onClick={() => setOpened(c.number)}>
              open case {c.number}
            </Anchor>
          </Text>
        ))}
      </Paper>
      {may('cases.manage') ? (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            Open a case
          </Title>
          <CreateCaseForm
            onCreated={(number) => {
              changed(`Case ${number} opened.`);
              setOpened(number);
            }}
          />
        </Paper>
      ) : (
        <Text size="sm">Only {roleList(rolesFor('cases.manage'))} may open cases and place or release holds.</Text>
      )}
      <Title order={2} size="h4">
        Cases
      </Title>
      <ErrorAlert error={cases.error} title="Could not list the cases" />
      {cases.data && cases.data.length === 0 && <Text>No case is on file yet.</Text>}
      {cases.data && cases.data.length > 0 && (
        <Table withTableBorder highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Case</Table.Th>
              <Table.Th scope="col">Title</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">Lead</Table.Th>
              <Table.Th scope="col">Opened</Table.Th>
              <Table.Th scope="col">Closed</Table.Th>
              <Table.Th scope="col">Active holds</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.data.map((c) => (
              <Table.Tr key={c.id} aria-selected={opened === c.number}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setOpened(c.number)}>
                    {c.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>{c.type}</Table.Td>
                <Table.Td>{c.lead}</Table.Td>
                <Table.Td>{c.openedOn}</Table.Td>
                <Table.Td>{c.closedOn ?? 'Open'}</Table.Td>
                <Table.Td>{c.activeHolds}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {opened && <CasePanel number={opened} version={version} onRelease={setReleasing} onChanged={changed} />}
      <ReleaseHoldModal
        hold={releasing}
        onClose={() => setReleasing(null)}
        onReleased={(hold) => {
          setReleasing(null);
          changed(`Hold ${hold.id} on case ${hold.caseNumber} released.`);
        }}
      />
    </Stack>
  );
}
