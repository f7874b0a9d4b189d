import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import type { HotlistMappingInput, HotlistProfile } from '../../../src-main/contract/hotlists';
import { useGate } from '../../app/gate';
import { ColumnSelect, DelimiterSelect, HeaderRowCheckbox, SaveProfileModal } from '../common/ColumnMappingParts';
import { cleanHotlistMapping, columnsOf, HOTLIST_MAPPING_FIELDS, type HotlistMappingColumn } from './mapping';

/**
 * Which column of an NCIC-style or state extract holds what: the columns come from the file's
 * first line, read in the browser and split by the chosen delimiter. "Save as profile…" keeps
 * the mapping by name for the next extract of the same layout (hotlists.manage).
 */
export function HotlistMappingEditor({
  fileName,
  firstLine,
  mapping,
  onChange,
  errors,
  disabled,
  onSaved,
}: {
  fileName: string;
  /** null while the browser is still reading it */
  firstLine: string | null;
  mapping: HotlistMappingInput;
  onChange(mapping: HotlistMappingInput): void;
  /** the plate column missing, or the gate's words about the mapping */
  errors: { plate?: string; mapping?: string };
  disabled: boolean;
  onSaved(profile: HotlistProfile): void;
}) {
  const gate = useGate();
  const [saving, setSaving] = useState(false);
  const columns = firstLine === null ? [] : columnsOf(firstLine, mapping.delimiter ?? ',', mapping.hasHeader ?? true);
  const setColumn = (key: HotlistMappingColumn, value: string | undefined) =>
    onChange({ ...mapping, columns: { ...mapping.columns, [key]: value } as HotlistMappingInput['columns'] });

  return (
    <section aria-labelledby="cu-hotlist-mapping" className="cu-mapping">
      <fieldset disabled={disabled} className="cu-plain-fieldset">
        <Stack gap="sm">
          <div>
            <Title order={4} id="cu-hotlist-mapping">
              Column mapping
            </Title>
            <Text size="sm" className="cu-muted">
              Which column of {fileName} holds what. The plate is required; leave the rest as “Not in this file” when the extract lacks
              them. Dates may be written 2026-05-31 or 5/31/2026.
            </Text>
          </div>
          <div>
            <Text size="sm" fw={500}>
              First line of the file
            </Text>
            {firstLine === null ? (
              <Text size="sm">Reading it…</Text>
            ) : firstLine.trim() === '' ? (
              <Text size="sm">The file’s first line is empty, so it offers no columns to choose from.</Text>
            ) : (
              <code className="cu-first-line" data-testid="first-line">
                {firstLine}
              </code>
            )}
          </div>
          <div className="cu-mapping-grid">
            <DelimiterSelect value={mapping.delimiter} onChange={(delimiter) => onChange({ ...mapping, delimiter })} />
          </div>
          <HeaderRowCheckbox checked={mapping.hasHeader} onChange={(hasHeader) => onChange({ ...mapping, hasHeader })} />
          <div className="cu-mapping-grid">
            {HOTLIST_MAPPING_FIELDS.map((field) => (
              <ColumnSelect
                key={field.key}
                label={field.label}
                required={field.required}
                columns={columns}
                value={mapping.columns[field.key]}
                onChange={(value) => setColumn(field.key, value)}
                error={field.key === 'plate' ? errors.plate : undefined}
              />
            ))}
          </div>
          {errors.mapping && (
            <Alert color="yellow" title="Please check the mapping" data-testid="mapping-refused">
              {errors.mapping}
            </Alert>
          )}
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => setSaving(true)}>
              Save as profile…
            </Button>
          </Group>
        </Stack>
      </fieldset>
      <SaveProfileModal
        opened={saving}
        intro="A profile keeps this mapping by name, for the next extract with the same columns."
        save={(name) => gate.call('hotlistProfile.save', { name, mapping: cleanHotlistMapping(mapping) })}
        onClose={() => setSaving(false)}
        onSaved={(profile) => {
          setSaving(false);
          onSaved(profile);
        }}
      />
    </section>
  );
}
