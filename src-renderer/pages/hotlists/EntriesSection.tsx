import { Button, Group, Loader, Modal, Pagination, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Hotlist, HotlistEntry } from '../../../src-main/contract/hotlists';
import { controlsAsSpaces, oneLine } from '../../../src-main/contract/sentences';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatCount, plural } from '../common/format';
import { LocalTime } from '../common/time';
import { PlateText, SourceBadges } from '../common/hotlist-badges';
import { SuccessNotice } from '../common/success-notice';
import { useFormAction } from '../common/use-form-action';
import { useGateData } from '../common/use-gate-data';
import { EntryStatusBadge } from './labels';

/** Entries per `hotlist.entries` call; each page read is one access-log entry. */
const ENTRIES_PAGE = 100;

const dash = (value: string | null) => value ?? <span className="cu-muted">—</span>;

/** One list's entries, a page at a time, newest first as the list keeps them; an entry can be retired with a reason. */
export function EntriesSection({
  list,
  mayRetire,
  onClose,
  onChanged,
}: {
  list: Hotlist;
  mayRetire: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const gate = useGate();
  const [page, setPage] = useState(1);
  const [retiring, setRetiring] = useState<HotlistEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const entries = useGateData(
    () => gate.call('hotlist.entries', { listId: list.id, offset: (page - 1) * ENTRIES_PAGE, limit: ENTRIES_PAGE }),
    [gate, list.id, page],
  );
  const total = entries.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / ENTRIES_PAGE));
  const first = (page - 1) * ENTRIES_PAGE;

  return (
    <section aria-labelledby="cu-entries-heading" className="cu-entries">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="sm" align="center">
            <Title order={2} size="h3" id="cu-entries-heading">
              Entries of {list.name}
            </Title>
            <SourceBadges source={list.source} />
          </Group>
          <Button variant="default" size="compact-sm" leftSection={<IconX size={14} aria-hidden />} onClick={onClose}>
            Close the entries
          </Button>
        </Group>
        <ErrorAlert error={entries.error} title={`Could not read the entries of ${list.name}`} />
        <SuccessNotice message={notice} onClose={() => setNotice(null)} />
        {entries.data === null ? (
          entries.loading && <Loader aria-label="Loading the entries" />
        ) : total === 0 ? (
          <Text>This list has no entries.</Text>
        ) : (
          <>
            <Text size="sm" aria-live="polite" data-testid="entries-range">
              {formatCount(first + 1)}–{formatCount(first + entries.data.entries.length)} of {plural(total, 'entry', 'entries')}
            </Text>
            <Table.ScrollContainer minWidth={900}>
              <Table aria-label={`Entries of ${list.name}`} className="cu-entries-table" verticalSpacing={6} striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Plate</Table.Th>
                    <Table.Th scope="col">State</Table.Th>
                    <Table.Th scope="col">Reason</Table.Th>
                    <Table.Th scope="col">Case</Table.Th>
                    <Table.Th scope="col">In force from</Table.Th>
                    <Table.Th scope="col">Expires</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    {mayRetire && (
                      <Table.Th scope="col">
                        <VisuallyHidden>Action</VisuallyHidden>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.data.entries.map((entry) => (
                    <Table.Tr key={entry.id} data-entry={entry.plate}>
                      <Table.Td title={entry.note ?? undefined}>
                        <PlateText plate={entry.plate} partial={entry.partial} />
                      </Table.Td>
                      <Table.Td>{dash(entry.state)}</Table.Td>
                      <Table.Td>{dash(entry.reason)}</Table.Td>
                      <Table.Td>{dash(entry.caseNumber)}</Table.Td>
                      <Table.Td>{dash(entry.effective)}</Table.Td>
                      <Table.Td>{dash(entry.expires)}</Table.Td>
                      <Table.Td>
                        <EntryStatusBadge status={entry.status} />
                      </Table.Td>
                      {mayRetire && (
                        <Table.Td>
                          {entry.status !== 'retired' && (
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => setRetiring(entry)}
                              aria-label={`Retire ${entry.plate}${entry.state ? ` (${entry.state})` : ''}`}
                            >
                              Retire
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
              />
            )}
          </>
        )}
      </Stack>
      <RetireModal
        entry={retiring}
        onClose={() => setRetiring(null)}
        onRetired={(entry) => {
          setRetiring(null);
          setNotice(`${entry.plate} was retired: it is kept, and no longer matched against new reads.`);
          void entries.reload();
          onChanged();
        }}
      />
    </section>
  );
}

function RetireModal({ entry, onClose, onRetired }: { entry: HotlistEntry | null; onClose(): void; onRetired(entry: HotlistEntry): void }) {
  return (
    <Modal opened={entry !== null} onClose={onClose} title={entry ? `Retire ${entry.plate}` : 'Retire'} size="lg">
      {entry && <RetireForm entry={entry} onClose={onClose} onRetired={onRetired} />}
    </Modal>
  );
}

function RetireForm({ entry, onClose, onRetired }: { entry: HotlistEntry; onClose(): void; onRetired(entry: HotlistEntry): void }) {
  const gate = useGate();
  const [reason, setReason] = useState('');
  const action = useFormAction<'reason'>({ byPath: { reason: 'reason' } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!action.check({ reason: oneLine(reason).length < 3 && 'Say why the entry is taken off the list.' })) return;
    void action.run(async () => {
      onRetired(await gate.call('hotlist.retireEntry', { entryId: entry.id, reason: oneLine(reason) }));
    });
  };

  return (
    <form ref={action.formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          {entry.plate}
          {entry.state ? ` (${entry.state})` : ''}, {entry.reason ?? 'no reason given'}, added by {entry.addedBy} on{' '}
          <LocalTime iso={entry.addedAt} />. A retired entry is kept with the list, and no new read is matched against it. Alerts it already
          raised stay in the queue.
        </Text>
        <TextInput
          label="Why it is retired"
          description="In one line, e.g. vehicle recovered on 30 November; entered in error. Enter retires it."
          value={reason}
          onChange={(e) => {
            setReason(controlsAsSpaces(e.currentTarget.value));
            action.clearField('reason');
          }}
          error={action.fieldErrors.reason}
          required
          data-autofocus
          maxLength={500}
          autoComplete="off"
        />
        <ErrorAlert error={action.error} title="The entry was not retired" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={action.busy}>
            Retire the entry
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
