import { Autocomplete, Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ALERT_LEVELS, type Hotlist, type HotlistAddInput, type HotlistEntry } from '../../../src-main/contract/hotlists';
import { useMe } from '../../app/client-context';
import { useGate } from '../../app/gate';
import { WHO_GRANTS_CONFIDENTIAL } from './labels';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';

type Field = 'list' | 'plate' | 'state' | 'reason' | 'caseNumber' | 'effective' | 'expires' | 'alertLevel' | 'note';
const FIELDS: readonly Field[] = ['list', 'plate', 'state', 'reason', 'caseNumber', 'effective', 'expires', 'alertLevel', 'note'];
const ROUTES = { byPath: Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<string, Field> };

const EMPTY = {
  list: 'Manual entries',
  plate: '',
  state: '',
  reason: '',
  caseNumber: '',
  effective: '',
  expires: '',
  alertLevel: '',
  note: '',
};
type Form = typeof EMPTY;

/**
 * A manual entry: most often a partial plate reported in a major crime (policy 427.4(c)),
 * checked at once against the reads already held. It must expire.
 */
export function AddEntryForm({ lists, onAdded }: { lists: Hotlist[]; onAdded(entry: HotlistEntry, alerts: number): void }) {
  const gate = useGate();
  const { confidentialAuthorized } = useMe();
  const [form, setForm] = useState<Form>(EMPTY);
  const named = lists.find((l) => l.name.toLowerCase() === form.list.trim().toLowerCase());
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, check, clearField, formRef } = action;

  const set = (key: Field) => (value: string) => {
    setForm((current) => ({ ...current, [key]: value }));
    clearField(key);
  };
  /** a text field's value, change (plates and states in capitals) and message */
  const textField = (key: Field, upper = false) => ({
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set(key)(upper ? e.currentTarget.value.toUpperCase() : e.currentTarget.value),
    error: fieldErrors[key],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check({
      plate: !form.plate.trim() && 'Give the plate, or the part of it that is known (with * or ?).',
      reason: !form.reason.trim() && 'Say why the plate is of interest.',
      caseNumber: !form.caseNumber.trim() && 'Give the case number the entry is for.',
      expires: !form.expires && 'Give the day the entry expires: a manual entry must not stay in force for ever.',
    });
    if (!checked) return;
    const input: HotlistAddInput = {
      list: form.list.trim() || 'Manual entries',
      plate: form.plate.trim(),
      reason: form.reason.trim(),
      caseNumber: form.caseNumber.trim(),
      expires: form.expires,
      ...(form.state.trim() ? { state: form.state.trim() } : {}),
      ...(form.effective ? { effective: form.effective } : {}),
      ...(form.alertLevel ? { alertLevel: form.alertLevel as (typeof ALERT_LEVELS)[number] } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    };
    void action.run(async () => {
      const added = await gate.call('hotlist.add', input);
      setForm((current) => ({ ...EMPTY, list: current.list }));
      onAdded(added.entry, added.alerts);
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Add an entry">
      <Stack gap="md">
        <div className="cu-entry-form">
          <Autocomplete
            label="List"
            description={named?.confidential && !confidentialAuthorized ? WHO_GRANTS_CONFIDENTIAL : 'Manual entries go into a local list.'}
            data={lists.filter((l) => l.source === 'local').map((l) => l.name)}
            value={form.list}
            onChange={set('list')}
            error={fieldErrors.list}
            maxLength={80}
          />
          <TextInput
            label="Plate"
            description="Partial: * any run, ? one character."
            {...textField('plate', true)}
            required
            autoComplete="off"
            classNames={{ input: 'cu-hotlist-plate' }}
            maxLength={16}
          />
          <TextInput
            label="State"
            description="Its 2-letter code, if known."
            {...textField('state', true)}
            maxLength={3}
            autoComplete="off"
          />
          <TextInput
            label="Case number"
            description="The case the plate is wanted for."
            {...textField('caseNumber')}
            required
            maxLength={64}
            autoComplete="off"
          />
          <TextInput
            label="Reason"
            description="E.g. suspect vehicle, armed robbery on 27 November."
            {...textField('reason')}
            required
            maxLength={200}
            className="cu-span-2"
          />
          <TextInput label="In force from" description="Today when left empty." type="date" {...textField('effective')} />
          <TextInput label="Expires" description="The last day it is matched." type="date" {...textField('expires')} required />
          <Select
            label="Alert level"
            data={[
              { value: '', label: 'Not set' },
              ...ALERT_LEVELS.map((level) => ({ value: level, label: level[0]!.toUpperCase() + level.slice(1) })),
            ]}
            value={form.alertLevel}
            onChange={(value) => set('alertLevel')(value ?? '')}
            allowDeselect={false}
            error={fieldErrors.alertLevel}
          />
          <Textarea
            label="Note"
            description="What officers should know: vehicle description, direction of travel."
            {...textField('note')}
            maxLength={1000}
            autosize
            minRows={1}
            maxRows={4}
            className="cu-span-2"
          />
        </div>
        <Group gap="sm">
          <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={action.busy}>
            Add the entry
          </Button>
          <Text size="sm" className="cu-muted">
            It is checked at once against the plate reads already held; each match becomes an alert.
          </Text>
        </Group>
        <ErrorAlert error={action.error} title="The entry was not added" />
      </Stack>
    </form>
  );
}
