import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from './error-alert';
import { DELIMITERS, type ColumnChoice, type Delimiter } from './column-mapping';
import { useFormAction } from './use-form-action';

// The controls both column-mapping editors share (see column-mapping.ts).

const NOT_IN_FILE = '';

/**
 * The choice of which column holds one field: "Not in this file" or one of the file's own
 * columns. A saved mapping may name a column this file lacks: it is shown as such, so the
 * person sees why the file would be refused.
 */
export function ColumnSelect({
  label,
  required,
  columns,
  value,
  onChange,
  error,
}: {
  label: string;
  required?: boolean;
  columns: readonly ColumnChoice[];
  value: string | undefined;
  onChange(column: string | undefined): void;
  error?: string;
}) {
  const data = [{ value: NOT_IN_FILE, label: 'Not in this file' }];
  const seen = new Set<string>([NOT_IN_FILE]);
  for (const column of columns) {
    if (seen.has(column.value)) continue;
    seen.add(column.value);
    data.push(column);
  }
  if (value && !seen.has(value)) data.push({ value, label: `${value} (not in this file)` });
  return (
    <Select
      label={label}
      required={required}
      data={data}
      value={value ?? NOT_IN_FILE}
      onChange={(chosen) => onChange(chosen === null || chosen === NOT_IN_FILE ? undefined : chosen)}
      allowDeselect={false}
      searchable
      error={error}
    />
  );
}

export function DelimiterSelect({ value, onChange }: { value: Delimiter | undefined; onChange(delimiter: Delimiter): void }) {
  return (
    <Select
      label="Delimiter"
      data={DELIMITERS.map((d) => ({ value: d.value, label: d.label }))}
      value={value ?? ','}
      onChange={(chosen) => chosen && onChange(chosen as Delimiter)}
      allowDeselect={false}
    />
  );
}

export function HeaderRowCheckbox({ checked, onChange }: { checked: boolean | undefined; onChange(checked: boolean): void }) {
  return (
    <Checkbox
      label="The first line names the columns (a header row)"
      checked={checked ?? true}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}

/** "Save the mapping as a profile": a name, then `save` (the gate call for this kind of mapping). */
export function SaveProfileModal<T>({
  opened,
  intro,
  save,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** what a profile is for, in this kind of mapping */
  intro: string;
  save(name: string): Promise<T>;
  onClose(): void;
  onSaved(profile: T): void;
}) {
  const [name, setName] = useState('');
  const { busy, error, fieldErrors, formRef, run, check, clearField } = useFormAction<'name'>({ byPath: { name: 'name' } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The modal is portalled, but React still bubbles its submit through the tree: an editor
    // inside a form (the hot-list import) must not have that form submitted too.
    event.stopPropagation();
    if (!check({ name: !name.trim() && 'Give the profile a name.' })) return;
    void run(async () => {
      onSaved(await save(name));
      setName('');
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Save the mapping as a profile">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{intro} Saving under an existing name replaces it.</Text>
          <TextInput
            label="Profile name"
            required
            data-autofocus
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              clearField('name');
            }}
            error={fieldErrors.name}
            autoComplete="off"
          />
          <ErrorAlert error={error} title="Not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
