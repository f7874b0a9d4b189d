import { Autocomplete, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Account } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { localDay } from '../common/time';
import { useFormAction } from '../common/use-form-action';

type Field = 'username' | 'course' | 'completedOn' | 'expiresOn';

const ROUTES = {
  byCode: { 'future-training': 'completedOn', 'expiry-before-completion': 'expiresOn', 'no-such-user': 'username' },
  byPath: { username: 'username', course: 'course', completedOn: 'completedOn', expiresOn: 'expiresOn' },
} as const;

interface RecordTrainingProps {
  opened: boolean;
  /** the person chosen in advance (from their row), if any */
  username: string | undefined;
  people: Account[];
  requiredCourses: string[];
  onClose(): void;
  onRecorded(message: string): void;
}

/** Record completed training (policy 427.4(d)) for one person. */
export function RecordTrainingModal(props: RecordTrainingProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Record training" size="lg">
      {/* Mounted afresh each time it opens, so it starts from the row's person and today's date. */}
      {props.opened && <RecordTrainingForm {...props} />}
    </Modal>
  );
}

function RecordTrainingForm({ username: preset, people, requiredCourses, onClose, onRecorded }: RecordTrainingProps) {
  const gate = useGate();
  const [username, setUsername] = useState<string | null>(preset ?? null);
  const [course, setCourse] = useState(requiredCourses[0] ?? '');
  const [completedOn, setCompletedOn] = useState(localDay());
  const [expiresOn, setExpiresOn] = useState('');
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, formRef, clearField } = action;

  const choices = people
    .filter((p) => p.status === 'active' || p.username === preset)
    .map((p) => ({ value: p.username, label: `${p.fullName} (${p.username})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = action.check({
      username: !username && 'Choose the person who completed the training.',
      course: !course.trim() && 'Give the course.',
      completedOn: !completedOn && 'Give the day the training was completed.',
    });
    if (!checked || !username) return;
    void action.run(async () => {
      const record = await gate.call('training.record', {
        username,
        course,
        completedOn,
        ...(expiresOn ? { expiresOn } : {}),
      });
      const who = people.find((p) => p.username === record.username);
      onRecorded(`${record.course}, completed ${record.completedOn}, recorded for ${who?.fullName ?? record.username}.`);
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack>
        <Select
          label="Person"
          required
          searchable
          data={choices}
          value={username}
          onChange={(value) => {
            setUsername(value);
            clearField('username');
          }}
          error={fieldErrors.username}
          nothingFoundMessage="No active person by that name"
          data-autofocus={preset ? undefined : true}
        />
        <Autocomplete
          label="Course"
          description="Choose a required course or type the name of another"
          required
          data={requiredCourses}
          value={course}
          onChange={(value) => {
            setCourse(value);
            clearField('course');
          }}
          error={fieldErrors.course}
          data-autofocus={preset ? true : undefined}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Completed on"
            required
            value={completedOn}
            onChange={(e) => {
              setCompletedOn(e.currentTarget.value);
              clearField('completedOn');
            }}
            error={fieldErrors.completedOn}
          />
          <TextInput
            type="date"
            label="Expires on"
            description="Leave empty if it does not expire"
            value={expiresOn}
            onChange={(e) => {
              setExpiresOn(e.currentTarget.value);
              clearField('expiresOn');
            }}
            error={fieldErrors.expiresOn}
          />
        </Group>
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={action.busy}>
            Record training
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
