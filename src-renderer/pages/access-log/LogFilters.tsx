import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useFilterForm } from '../common/use-filter-form';
import { checkFilterForm, EMPTY_FORM, type FilterField, type FilterForm } from './filters';
import { actionsByGroup } from '../../../src-main/contract/phrases';

/** Every action the log records, by its phrase, under its group; the value is the operation's name. */
const ACTION_CHOICES = actionsByGroup().map(({ group, actions }) => ({
  group,
  items: actions.map(({ name, phrase }) => ({ value: name, label: phrase })),
}));

interface LogFiltersProps {
  /** the form as last applied */
  applied: FilterForm;
  onApply(form: FilterForm): void;
  /** the gate's complaints about the applied filter, by field */
  gateErrors: Partial<Record<FilterField, string>>;
}

/** Filters for the access log, applied when the form is submitted (Enter in any field, or the button). */
export function LogFilters({ applied, onApply, gateErrors }: LogFiltersProps) {
  const { form, set, errorOf, submit, clear } = useFilterForm({
    applied,
    onApply,
    empty: EMPTY_FORM,
    check: checkFilterForm,
    gateErrors,
  });

  return (
    <Paper component="form" withBorder p="sm" onSubmit={submit} aria-label="Filter the access log" noValidate>
      <Group align="flex-start" gap="sm" wrap="wrap" mb="sm">
        <TextInput
          label="Person (username)"
          w={170}
          value={form.username}
          onChange={(e) => set('username')(e.currentTarget.value)}
          error={errorOf('username')}
          autoComplete="off"
        />
        <Select
          label="Action"
          placeholder="Any action"
          w={280}
          data={ACTION_CHOICES}
          value={form.operation || null}
          onChange={(value) => set('operation')(value ?? '')}
          error={errorOf('operation')}
          searchable
          clearable
          nothingFoundMessage="No action by that name"
          // The list itself scrolls (access-log.css), not a scroll area inside it: a combobox's own
          // list is reached through its input (arrow keys), which a box inside it would not be.
          withScrollArea={false}
          classNames={{ options: 'cu-action-options' }}
        />
        <TextInput
          type="date"
          label="From"
          w={160}
          value={form.fromDay}
          onChange={(e) => set('fromDay')(e.currentTarget.value)}
          error={errorOf('fromDay')}
        />
        <TextInput
          type="date"
          label="To"
          w={160}
          value={form.toDay}
          onChange={(e) => set('toDay')(e.currentTarget.value)}
          error={errorOf('toDay')}
        />
        <TextInput
          label="Case number"
          w={150}
          value={form.caseNumber}
          onChange={(e) => set('caseNumber')(e.currentTarget.value)}
          error={errorOf('caseNumber')}
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
