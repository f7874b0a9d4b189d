import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useFilterForm } from '../common/use-filter-form';
import { checkFilterForm, EMPTY_FORM, type FilterField, type FilterForm } from './filters';

interface AlertFiltersProps {
  /** the form as last applied (or as a link asked for) */
  applied: FilterForm;
  onApply(form: FilterForm): void;
  /** the names of the hot lists, to choose one */
  lists: readonly string[];
  /** the gate's complaints about the applied filters, by field */
  gateErrors: Partial<Record<FilterField, string>>;
}

/** Filters for the queue beside its status, applied when the form is submitted (Enter in any field, or the button). */
export function AlertFilters({ applied, onApply, lists, gateErrors }: AlertFiltersProps) {
  const { form, set, errorOf, submit, clear } = useFilterForm({
    applied,
    onApply,
    empty: EMPTY_FORM,
    check: checkFilterForm,
    gateErrors,
  });

  return (
    <Paper component="form" withBorder p="sm" onSubmit={submit} aria-label="Filter the alerts" noValidate>
      <div className="cu-alert-filters">
        <Select
          label="List"
          placeholder="All lists"
          data={[...lists]}
          value={form.list || null}
          onChange={(value) => set('list')(value ?? '')}
          error={errorOf('list')}
          clearable
          searchable
          nothingFoundMessage="No list of that name"
        />
        <TextInput
          label="Plate read"
          placeholder="7ABC* or 7AB?123"
          title="* stands for any run of characters, ? for one"
          value={form.plate}
          onChange={(e) => set('plate')(e.currentTarget.value.toUpperCase())}
          error={errorOf('plate')}
          autoComplete="off"
          maxLength={24}
          classNames={{ input: 'cu-mono' }}
        />
        <TextInput
          label="Camera"
          placeholder="Part of its name"
          value={form.camera}
          onChange={(e) => set('camera')(e.currentTarget.value)}
          error={errorOf('camera')}
          autoComplete="off"
          maxLength={120}
        />
        <TextInput
          type="date"
          label="Read from (day)"
          value={form.fromDay}
          onChange={(e) => set('fromDay')(e.currentTarget.value)}
          error={errorOf('fromDay')}
        />
        <TextInput
          type="date"
          label="Read to (day)"
          value={form.toDay}
          onChange={(e) => set('toDay')(e.currentTarget.value)}
          error={errorOf('toDay')}
        />
        <Group gap="xs" wrap="nowrap" className="cu-alert-filter-buttons">
          <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
            Apply filters
          </Button>
          <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={clear}>
            Clear
          </Button>
        </Group>
      </div>
    </Paper>
  );
}
