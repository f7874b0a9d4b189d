import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';
import { COURSE_WORDS, ListEditor, quoted, VAGUE_PURPOSE_WORDS } from './ListEditor';

type Field = 'requiredCourses' | 'idleMinutes' | 'vaguePurposes' | 'checkpointFolder';

const ROUTES = {
  byPath: {
    requiredCourses: 'requiredCourses',
    idleMinutes: 'idleMinutes',
    vaguePurposes: 'vaguePurposes',
    checkpointFolder: 'checkpointFolder',
  },
  byCode: { 'checkpoint-folder': 'checkpointFolder' },
} as const;

/** Edit the workspace settings; only what changed is sent to the gate, which checks every value. */
export function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const gate = useGate();
  const [courses, setCourses] = useState(settings.requiredCourses);
  const [idle, setIdle] = useState<number | string>(settings.idleMinutes);
  const [vague, setVague] = useState(settings.vaguePurposes);
  const [folder, setFolder] = useState(settings.checkpointFolder ?? '');
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, formRef, clearField } = action;
  /** a field's change, which also puts its message away */
  const edited =
    <V,>(field: Field, set: (value: V) => void) =>
    (value: V) => {
      set(value);
      clearField(field);
    };

  const coursesChanged = courses.join('\n') !== settings.requiredCourses.join('\n');
  const idleChanged = String(idle) !== String(settings.idleMinutes);
  const vagueChanged = vague.join('\n') !== settings.vaguePurposes.join('\n');
  const folderChanged = folder.trim() !== (settings.checkpointFolder ?? '');
  const changed = coursesChanged || idleChanged || vagueChanged || folderChanged;

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const saved = await gate.call('settings.update', {
        ...(coursesChanged ? { requiredCourses: courses } : {}),
        ...(idleChanged ? { idleMinutes: typeof idle === 'number' ? idle : Number(idle) } : {}),
        ...(vagueChanged ? { vaguePurposes: vague } : {}),
        ...(folderChanged ? { checkpointFolder: folder.trim() || null } : {}),
      });
      onSaved(saved);
    });
  };

  return (
    <form ref={formRef} onSubmit={save} noValidate aria-label="Workspace settings">
      <Stack gap="lg" maw={640}>
        <ListEditor
          items={courses}
          onChange={edited('requiredCourses', setCourses)}
          error={fieldErrors.requiredCourses}
          words={COURSE_WORDS}
          minLength={2}
          maxLength={120}
        />
        <NumberInput
          label="Lock the screen after this many idle minutes"
          description="From 1 to 30. A locked session needs the person's password to continue."
          classNames={{ wrapper: 'cu-narrow-input' }}
          min={1}
          max={30}
          step={1}
          allowDecimal={false}
          clampBehavior="none"
          value={idle}
          onChange={edited('idleMinutes', setIdle)}
          error={fieldErrors.idleMinutes}
        />
        <ListEditor
          items={vague}
          onChange={edited('vaguePurposes', setVague)}
          error={fieldErrors.vaguePurposes}
          words={VAGUE_PURPOSE_WORDS}
          minLength={1}
          maxLength={80}
          layout="chips"
          display={quoted}
        />
        <TextInput
          label="Checkpoint folder"
          description="The full path of a folder on a removable medium or a share. Signed checkpoints of the access log are written there every day and after key decisions; at each sign-in the log is checked against the newest one, so a cut-short or rewritten log is noticed. Leave empty to write none."
          placeholder="/media/evidence-usb/custodian-checkpoints"
          value={folder}
          onChange={(event) => edited('checkpointFolder', setFolder)(event.currentTarget.value)}
          error={fieldErrors.checkpointFolder}
          autoComplete="off"
          spellCheck={false}
          data-testid="checkpoint-folder"
        />
        <ErrorAlert error={action.error} />
        <Group>
          <Button type="submit" loading={action.busy} disabled={!changed}>
            Save settings
          </Button>
          {changed && (
            <Button
              variant="default"
              onClick={() => {
                setCourses(settings.requiredCourses);
                setIdle(settings.idleMinutes);
                setVague(settings.vaguePurposes);
                setFolder(settings.checkpointFolder ?? '');
                action.clear();
              }}
            >
              Undo changes
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
