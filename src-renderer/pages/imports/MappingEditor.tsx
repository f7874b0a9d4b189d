import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ColumnMappingInput, ImportProfile } from '../../../src-main/contract/imports';
import { useClient } from '../../app/client-context';
import { ErrorAlert } from '../../components/error-alert';
import { splitGateError } from '../common/field-errors';
import { cleanMapping, DELIMITERS, MAPPING_FIELDS, type MappingColumn } from './model';

const NOT_IN_FILE = '';

/**
 * Which of the file's columns holds what, for plate reads in CSV: a choice per field from the
 * file's own columns, the vendor, delimiter, header row, time format and confidence scale.
 * "Preview again" shows the first rows read this way; "Save as profile…" keeps it by name.
 */
export function MappingEditor({
  fileName,
  columns,
  mapping,
  onChange,
  onPreview,
  previewing,
  errors,
  onSaved,
}: {
  fileName: string;
  columns: string[];
  mapping: ColumnMappingInput;
  onChange(mapping: ColumnMappingInput): void;
  onPreview(): void;
  previewing: boolean;
  /** the gate's words for refused parts of the mapping, by field path ("mapping.columns.plate") */
  errors: Partial<Record<string, string>>;
  onSaved(profile: ImportProfile): void;
}) {
  const [saving, setSaving] = useState(false);
  const known = new Set(columns);
  const options = (current: string | undefined) => {
    const list = [{ value: NOT_IN_FILE, label: 'Not in this file' }, ...columns.map((c) => ({ value: c, label: c }))];
    // A saved mapping may name a column this file lacks: show it, so the person sees why.
    if (current && !known.has(current)) list.push({ value: current, label: `${current} (not in this file)` });
    return list;
  };
  const setColumn = (key: MappingColumn, value: string | null) =>
    onChange({
      ...mapping,
      columns: { ...mapping.columns, [key]: value === null || value === NOT_IN_FILE ? undefined : value } as ColumnMappingInput['columns'],
    });
  const headingId = `cu-mapping-${fileName.replace(/[^A-Za-z0-9]+/g, '-')}`;

  return (
    <section aria-labelledby={headingId} className="cu-mapping">
      <Stack gap="sm">
        <div>
          <Title order={4} id={headingId}>
            Column mapping
          </Title>
          <Text size="sm" className="cu-muted">
            Which column of {fileName} holds what. Plate and capture time are required; leave the rest as “Not in this file” when the export
            lacks them.
          </Text>
        </div>
        <div className="cu-mapping-grid">
          <TextInput
            label="Vendor"
            description="Named on every read"
            required
            value={mapping.vendor}
            onChange={(event) => onChange({ ...mapping, vendor: event.currentTarget.value })}
            error={errors['mapping.vendor']}
          />
          <Select
            label="Delimiter"
            data={DELIMITERS.map((d) => ({ value: d.value, label: d.label }))}
            value={mapping.delimiter ?? ','}
            onChange={(value) => value && onChange({ ...mapping, delimiter: value as ColumnMappingInput['delimiter'] })}
            allowDeselect={false}
          />
          <TextInput
            label="Time format"
            description="Luxon tokens, e.g. MM/dd/yyyy HH:mm:ss; empty for ISO 8601 or epoch numbers"
            value={mapping.timeFormat ?? ''}
            onChange={(event) => onChange({ ...mapping, timeFormat: event.currentTarget.value })}
            error={errors['mapping.timeFormat']}
          />
          <Select
            label="Confidence is written as"
            data={[
              { value: '1', label: 'A fraction, 0 to 1' },
              { value: '100', label: 'A percentage, 0 to 100' },
            ]}
            value={String(mapping.confidenceScale ?? 1)}
            onChange={(value) => value && onChange({ ...mapping, confidenceScale: value === '100' ? 100 : 1 })}
            allowDeselect={false}
          />
        </div>
        <Checkbox
          label="The first line names the columns (a header row)"
          checked={mapping.hasHeader ?? true}
          onChange={(event) => onChange({ ...mapping, hasHeader: event.currentTarget.checked })}
        />
        <div className="cu-mapping-grid">
          {MAPPING_FIELDS.map((field) => {
            const current = mapping.columns[field.key];
            return (
              <Select
                key={field.key}
                label={field.label}
                required={field.required}
                data={options(current)}
                value={current ?? NOT_IN_FILE}
                onChange={(value) => setColumn(field.key, value)}
                allowDeselect={false}
                searchable
                error={errors[`mapping.columns.${field.key}`]}
              />
            );
          })}
        </div>
        <Group gap="sm">
          <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={onPreview} loading={previewing}>
            Preview again
          </Button>
          <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => setSaving(true)}>
            Save as profile…
          </Button>
        </Group>
      </Stack>
      <SaveProfileModal
        opened={saving}
        mapping={mapping}
        onClose={() => setSaving(false)}
        onSaved={(profile) => {
          setSaving(false);
          onSaved(profile);
        }}
      />
    </section>
  );
}

function SaveProfileModal({
  opened,
  mapping,
  onClose,
  onSaved,
}: {
  opened: boolean;
  mapping: ColumnMappingInput;
  onClose(): void;
  onSaved(profile: ImportProfile): void;
}) {
  const client = useClient();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const split = splitGateError<'name'>(error, { byPath: { name: 'name' } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await client.call('importProfile.save', { name, mapping: cleanMapping(mapping) }));
      setName('');
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Save the mapping as a profile">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text size="sm">
            A profile keeps this mapping by name, for the next export from the same vendor. Saving under an existing name replaces it.
          </Text>
          <TextInput
            label="Profile name"
            required
            data-autofocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={split.fields.name}
          />
          <ErrorAlert error={split.rest} title="Not saved" />
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
