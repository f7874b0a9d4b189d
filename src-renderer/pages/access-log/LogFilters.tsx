import { Autocomplete, Button, Group, Paper, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { checkFilterForm, EMPTY_FORM, type FilterField, type FilterForm } from './filters';
import { OPERATION_CHOICES } from './operation-names';

interface LogFiltersProps {
  /** the form as last applied */
  applied: FilterForm;
  onApply(form: FilterForm): void;
  /** the gate's complaints about the applied filter, by field */
  gateErrors: Partial<Record<FilterField, string>>;
}

/** Filters for the access log, applied when the form is submitted (Enter in any field, or the button). */
export function LogFilters({ applied, onApply, gateErrors }: LogFiltersProps) {
  const [form, setForm] = useState<FilterForm>(applied);
  const [localErrors, setLocalErrors] = useState<Partial<Record<FilterField, string>>>({});
  const set = (field: FilterField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const errors = { ...gateErrors, ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkFilterForm(form);
    setLocalErrors(problems);
    if (Object.keys(problems).length === 0) onApply(form);
  };
  const clear = () => {
    setForm(EMPTY_FORM);
    setLocalErrors({});
    onApply(EMPTY_FORM);
  };

  return (
    <Paper component="form" withBorder p="sm" onSubmit={submit} aria-label="Filter the access log" noValidate>
      <Group align="flex-start" gap="sm" wrap="wrap" mb="sm">
        <TextInput
          label="Person (username)"
          w={170}
          value={form.username}
          onChange={(e) => set('username')(e.currentTarget.value)}
          error={errors.username}
          autoComplete="off"
        />
        <Autocomplete
          label="Operation"
          w={220}
          data={OPERATION_CHOICES}
          value={form.operation}
          onChange={set('operation')}
          error={errors.operation}
          maxDropdownHeight={320}
        />
        <TextInput
          type="date"
          label="From"
          w={160}
          value={form.fromDay}
          onChange={(e) => set('fromDay')(e.currentTarget.value)}
          error={errors.fromDay}
        />
        <TextInput
          type="date"
          label="To"
          w={160}
          value={form.toDay}
          onChange={(e) => set('toDay')(e.currentTarget.value)}
          error={errors.toDay}
        />
        <TextInput
          label="Case number"
          w={150}
          value={form.caseNumber}
          onChange={(e) => set('caseNumber')(e.currentTarget.value)}
          error={errors.caseNumber}
          autoComplete="off"
        />
      </Group>
      <Group gap="xs">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          Apply filters
        </Button>
        <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={clear}>
          Clear
        </Button>
      </Group>
    </Paper>
  );
}
