import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { Hotlist } from '../../../src-main/contract/hotlists';
import { accessWasCancelled } from '../../app/access';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatCount, plural } from '../common/format';
import { LocalTime, TimeZoneNote } from '../common/time';
import { SourceBadges } from '../common/hotlist-badges';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { useGateData } from '../common/use-gate-data';
import { WorkingOn } from '../common/WorkingOn';
import { AddEntryForm } from './AddEntryForm';
import { EntriesSection } from './EntriesSection';
import { HotlistImportForm } from './HotlistImportForm';
import '../common/pages.css';
import './hotlists.css';

/** Hot lists (policy 427.3, 427.4(c)(e)): the lists of plates of interest, imported or entered by hand, and their entries. */
export function HotlistsPage() {
  const { may } = usePermissions();
  const heading = (
    <div>
      <Title order={1}>Hot lists</Title>
      <Text className="cu-muted">
        Plates of interest: stolen or wanted vehicles and plates, missing persons, active warrants (policy 427.3), and partial plates
        reported in major crimes (427.4(c)). Every import and every new entry is checked against the reads already held; each match is an
        alert to verify.
      </Text>
      <TimeZoneNote />
    </div>
  );
  if (!may('alpr.read')) {
    return <NotAvailable heading={heading} permission="alpr.read" doing="read hot lists" />;
  }
  return <Hotlists heading={heading} />;
}

function Hotlists({ heading }: { heading: ReactNode }) {
  const gate = useGate();
  const { may } = usePermissions();
  const mayManage = may('hotlists.manage');
  const mayAdd = may('hotlists.add');
  const lists = useGateData(() => gate.call('hotlist.list', {}), [gate]);
  const profiles = useGateData(() => gate.call('hotlistProfile.list', {}), [gate], mayManage);
  const [openedId, setOpenedId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const opened = lists.data?.find((l) => l.id === openedId) ?? null;

  return (
    <Stack className="cu-page cu-hotlists" gap="lg">
      {heading}
      <WorkingOn onChanged={() => void lists.reload()} />

      <section aria-labelledby="cu-lists-heading">
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <Title order={2} size="h3" id="cu-lists-heading">
              Lists
            </Title>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconRefresh size={14} aria-hidden />}
              onClick={() => void lists.reload()}
            >
              Refresh
            </Button>
          </Group>
          {accessWasCancelled(lists.error) ? (
            <Alert color="gray" title="Nothing shown">
              Hot lists are ALPR data: they open only with a case number and a purpose. Give or confirm them above, then Refresh.
            </Alert>
          ) : (
            <ErrorAlert error={lists.error} title="Could not read the hot lists" />
          )}
          {lists.data === null ? (
            lists.loading && <Loader aria-label="Loading the hot lists" />
          ) : lists.data.length === 0 ? (
            <Text>No hot list yet: import one, or add an entry by hand.</Text>
          ) : (
            <ListsTable lists={lists.data} openedId={openedId} onOpen={setOpenedId} />
          )}
        </Stack>
      </section>

      {opened && (
        <EntriesSection
          key={opened.id}
          list={opened}
          mayRetire={mayAdd}
          onClose={() => setOpenedId(null)}
          onChanged={() => void lists.reload()}
        />
      )}

      {mayManage && (
        <section aria-labelledby="cu-import-list-heading">
          <Stack gap="sm">
            <Title order={2} size="h3" id="cu-import-list-heading">
              Import a list
            </Title>
            <ErrorAlert error={profiles.error} title="Could not read the saved hot-list mappings" />
            <HotlistImportForm
              lists={lists.data ?? []}
              profiles={profiles.data ?? []}
              onImported={() => void lists.reload()}
              onProfileSaved={() => void profiles.reload()}
            />
          </Stack>
        </section>
      )}

      {mayAdd && (
        <section aria-labelledby="cu-add-entry-heading">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h3" id="cu-add-entry-heading">
                Add an entry
              </Title>
              <Text size="sm" className="cu-muted">
                A plate, or the part of one reported in a major crime (policy 427.4(c)), with the case it is for and the day it expires.
              </Text>
              <AddEntryForm
                lists={lists.data ?? []}
                onAdded={(entry, alerts) => {
                  setNotice(
                    `${entry.plate}${entry.state ? ` (${entry.state})` : ''} was added to ${entry.list}, in force until ${entry.expires}. ` +
                      (alerts === 0
                        ? 'No read already held matches it.'
                        : `It raised ${plural(alerts, 'alert')} from reads already held: see Alerts, and verify each before acting on it.`),
                  );
                  void lists.reload();
                }}
              />
              <SuccessNotice message={notice} onClose={() => setNotice(null)} />
            </Stack>
          </Paper>
        </section>
      )}
    </Stack>
  );
}

function ListsTable({ lists, openedId, onOpen }: { lists: Hotlist[]; openedId: number | null; onOpen(id: number): void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Hot lists" verticalSpacing={6} className="cu-lists-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">List</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col" className="cu-num">
              Active
            </Table.Th>
            <Table.Th scope="col" className="cu-num">
              Inactive
            </Table.Th>
            <Table.Th scope="col">Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((list) => (
            <Table.Tr key={list.id} data-list={list.name} aria-current={list.id === openedId ? 'true' : undefined}>
              <Table.Td>
                <UnstyledButton
                  className="cu-list-link cu-focusable"
                  onClick={() => onOpen(list.id)}
                  aria-label={`Show the entries of ${list.name}`}
                >
                  {list.name}
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <SourceBadges source={list.source} />
              </Table.Td>
              <Table.Td className="cu-num">{formatCount(list.active)}</Table.Td>
              <Table.Td className="cu-num" title="Past their expiry, or replaced by a newer import of the list">
                {formatCount(list.inactive)}
              </Table.Td>
              <Table.Td>
                <LocalTime iso={list.updatedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
