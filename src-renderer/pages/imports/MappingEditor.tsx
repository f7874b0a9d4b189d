import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import {
  MAPPING_KINDS,
  mappingKind,
  type ColumnMappingInput,
  type ImportProfile,
  type MappingKind,
  type PlateReadMappingInput,
} from '../../../src-main/contract/imports';
import { useGate } from '../../app/gate';
import { ColumnSelect, DelimiterSelect, HeaderRowCheckbox, SaveProfileModal } from '../common/ColumnMappingParts';
import { blankMapping, cleanMapping, MAPPING_KIND_CHOICES, mappingFields } from './model';

/**
 * Which of the file's columns holds what: first what the file holds (plate reads, or one of
 * Flock's audits under other column names), then a choice per field from the file's own
 * columns, the delimiter and header row, and for plate reads the vendor, time format and
 * confidence scale. "Preview again" shows the first rows read this way; "Save as profile…"
 * keeps it by name.
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
  const gate = useGate();
  const [saving, setSaving] = useState(false);
  const kind = mappingKind(mapping);
  const choices = columns.map((column) => ({ value: column, label: column }));
  const mapped = mapping.columns as Record<string, string | undefined>;
  const setColumn = (key: string, value: string | undefined) =>
    onChange({ ...mapping, columns: { ...mapped, [key]: value } } as ColumnMappingInput);
  const headingId = `cu-mapping-${fileName.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const required = kind === 'plate-reads' ? 'Plate and capture time are required' : 'The search time is required';

  return (
    <section aria-labelledby={headingId} className="cu-mapping">
      <Stack gap="sm">
        <div>
          <Title order={4} id={headingId}>
            Column mapping
          </Title>
          <Text size="sm" className="cu-muted">
            Which column of {fileName} holds what. {required}; leave the rest as “Not in this file” when the export lacks them.
          </Text>
        </div>
        <div className="cu-mapping-grid">
          <Select
            label="The file holds"
            className="cu-mapping-kind"
            data={MAPPING_KIND_CHOICES}
            value={kind}
            onChange={(value) => {
              if (!value || value === kind) return;
              const next = blankMapping(value as MappingKind);
              onChange({ ...next, delimiter: mapping.delimiter, hasHeader: mapping.hasHeader } as ColumnMappingInput);
            }}
            allowDeselect={false}
          />
          <DelimiterSelect value={mapping.delimiter} onChange={(delimiter) => onChange({ ...mapping, delimiter })} />
          {(mapping.maps === undefined || mapping.maps === 'plate-reads') && (
            <PlateReadSettings mapping={mapping} onChange={onChange} errors={errors} />
          )}
        </div>
        <HeaderRowCheckbox checked={mapping.hasHeader} onChange={(hasHeader) => onChange({ ...mapping, hasHeader })} />
        <div className="cu-mapping-grid">
          {mappingFields(kind).map((field) => (
            <ColumnSelect
              key={`${kind}-${field.key}`}
              label={field.label}
              required={field.required}
              columns={choices}
              value={mapped[field.key]}
              onChange={(value) => setColumn(field.key, value)}
              error={errors[`mapping.columns.${field.key}`]}
            />
          ))}
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
        intro={`A profile keeps this mapping by name, for the next ${kind === 'plate-reads' ? 'export from the same vendor' : `file with these columns (${MAPPING_KINDS[kind].what})`}.`}
        save={(name) => gate.call('importProfile.save', { name, mapping: cleanMapping(mapping) })}
        onClose={() => setSaving(false)}
        onSaved={(profile) => {
          setSaving(false);
          onSaved(profile);
        }}
      />
    </section>
  );
}

/** What only a plate-read mapping says: the vendor named on every read, how times are written, the confidence scale. */
function PlateReadSettings({
  mapping,
  onChange,
  errors,
}: {
  mapping: PlateReadMappingInput;
  onChange(mapping: ColumnMappingInput): void;
  errors: Partial<Record<string, string>>;
}) {
  return (
    <>
      <TextInput
        label="Vendor"
        description="Named on every read"
        required
        value={mapping.vendor}
        onChange={(event) => onChange({ ...mapping, vendor: event.currentTarget.value })}
        error={errors['mapping.vendor']}
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
    </>
  );
}
