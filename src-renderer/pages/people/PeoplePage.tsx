import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCertificate, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
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
        <PeopleTable people={people.data} open={open} trainingVersion={trainingVersion} />
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
