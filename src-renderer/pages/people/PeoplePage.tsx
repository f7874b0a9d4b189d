import { Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { IconCertificate, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { inPeopleView, PEOPLE_VIEW_LABELS, PEOPLE_VIEWS, type PeopleView } from '../../../src-main/contract/home';
import type { Account } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { replaceRouteQuery, useRouteQuery } from '../../app/route';
import { ErrorAlert } from '../common/error-alert';
import { plural } from '../common/format';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { TimeZoneNote } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { AddPersonModal } from './AddPersonModal';
import { ConfidentialModal } from './ConfidentialModal';
import type { PeopleDialog } from './dialogs';
import { DisablePersonModal } from './DisablePersonModal';
import { PeopleTable } from './PeopleTable';
import { RecordTrainingModal } from './RecordTrainingModal';
import '../common/pages.css';

/** People & training: who may sign in, with which roles, and whether their training is current (policy 427.4). */
export function PeoplePage() {
  const gate = useGate();
  const { may } = usePermissions();
  const mayRead = may('users.read');
  const people = useGateData(() => gate.call('user.list', {}), [gate], mayRead);
  const settings = useGateData(() => gate.call('settings.get', {}), [gate], mayRead);
  const [dialog, setDialog] = useState<PeopleDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [trainingVersion, setTrainingVersion] = useState(0);

  const open = (next: PeopleDialog) => {
    setNotice(null);
    setDialog(next);
  };
  const close = () => setDialog(null);
  /** After any change: close the modal, say what was done, and show the table as it is now. */
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    setTrainingVersion((v) => v + 1);
    void people.reload();
  };

  const heading = (
    <div>
      <Title order={1}>People &amp; training</Title>
      <Text className="cu-muted">Who may sign in, with which roles, and whether their training is current (policy 427.4).</Text>
      <TimeZoneNote />
    </div>
  );

  if (!mayRead) {
    return <NotAvailable heading={heading} permission="users.read" doing="see the list of people" />;
  }

  return (
    <Stack className="cu-page">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        {heading}
        <Group gap="sm">
          {may('training.manage') && (
            <Button variant="default" leftSection={<IconCertificate size={18} aria-hidden />} onClick={() => open({ kind: 'training' })}>
              Record training
            </Button>
          )}
          {may('users.manage') && (
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' })}>
              Add person
            </Button>
          )}
        </Group>
      </Group>

      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert error={people.error} title="Could not read the list of people" />
      <ErrorAlert error={settings.error} title="Could not read the required training courses" />

      {people.data ? (
        <PeopleInView people={people.data} open={open} trainingVersion={trainingVersion} />
      ) : (
        !people.error && <Loader aria-label="Loading the list of people" />
      )}

      <AddPersonModal
        opened={dialog?.kind === 'add'}
        onClose={close}
        onAdded={(person) => done(`${person.fullName} (${person.username}) was added. Record their training before they open ALPR data.`)}
      />
      <RecordTrainingModal
        opened={dialog?.kind === 'training'}
        username={dialog?.kind === 'training' ? dialog.username : undefined}
        people={people.data ?? []}
        requiredCourses={settings.data?.requiredCourses ?? []}
        onClose={close}
        onRecorded={done}
      />
      <DisablePersonModal person={dialog?.kind === 'disable' ? dialog.person : null} onClose={close} onDisabled={done} />
      <ConfidentialModal change={dialog?.kind === 'confidential' ? dialog : null} onClose={close} onChanged={done} />
    </Stack>
  );
}

const EVERYONE = 'everyone';
const VIEW_OPTIONS = [
  { value: EVERYONE, label: 'Everyone' },
  ...PEOPLE_VIEWS.map((view) => ({ value: view, label: PEOPLE_VIEW_LABELS[view] })),
];
/** The view the route's query asks for (`show=locked-out`), or everyone. */
const viewIn = (query: string): PeopleView | null => PEOPLE_VIEWS.find((v) => v === new URLSearchParams(query).get('show')) ?? null;

const EMPTY_VIEW: Record<PeopleView, string> = {
  'training-expiring': 'No one’s training lapses within 30 days.',
  'training-missing': 'Everyone who opens ALPR data has current training.',
  'locked-out': 'No one is locked out of sign-in.',
};

/**
 * The table, narrowed to a view when the route asks for one (`#/people?show=locked-out`, as the
 * home screen's tiles link here), by the rule the tile counts with (contract/home.ts).
 */
function PeopleInView({ people, open, trainingVersion }: { people: Account[]; open(dialog: PeopleDialog): void; trainingVersion: number }) {
  const route = useRouteQuery();
  const [view, setView] = useState(() => viewIn(route.query));
  // A link to this page with another view (the home screen's tiles) shows what it asks for.
  useEffect(() => setView(viewIn(route.query)), [route]);
  const choose = (next: PeopleView | null) => {
    setView(next);
    replaceRouteQuery(new URLSearchParams(next ? { show: next } : {}));
  };
  const shown = view ? people.filter((person) => inPeopleView(view, person)) : people;
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label="Show"
          data={VIEW_OPTIONS}
          value={view ?? EVERYONE}
          allowDeselect={false}
          onChange={(value) => choose(PEOPLE_VIEWS.find((v) => v === value) ?? null)}
          className="cu-people-view"
        />
        <Text size="sm" className="cu-muted" role="status" data-testid="people-shown">
          {view
            ? `${plural(shown.length, 'person', 'people')} of ${people.length}: ${PEOPLE_VIEW_LABELS[view].toLowerCase()}.`
            : `${plural(people.length, 'person', 'people')}.`}
        </Text>
      </Group>
      {view && shown.length === 0 ? (
        <Text>{EMPTY_VIEW[view]}</Text>
      ) : (
        <PeopleTable people={shown} open={open} trainingVersion={trainingVersion} />
      )}
    </Stack>
  );
}
