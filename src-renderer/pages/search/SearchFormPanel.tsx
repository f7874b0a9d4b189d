import { Button, Collapse, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SearchQueryInput } from '../../../src-main/contract/search';
import { useFieldErrors } from '../common/use-form-action';
import { EMPTY_SEARCH, FILTER_FIELDS, filtersInUse, toSearchQuery, type SearchField, type SearchForm } from './query';

interface SearchFormPanelProps {
  busy: boolean;
  onSearch(query: SearchQueryInput): void;
  /** the gate's complaints about the last query, by field (a new object for each refusal) */
  gateErrors: Partial<Record<SearchField, string>>;
}

/**
 * The plate pattern, the OCR-aware switch and the filters (folded away until wanted).
 * Enter in any field searches. The form is checked with the contract's schema before
 * anything is opened, so a typing mistake never asks for a case or reaches the log. Every
 * field in error is marked at once, by the form or the gate, and each message goes as soon
 * as its field changes.
 */
export function SearchFormPanel({ busy, onSearch, gateErrors }: SearchFormPanelProps) {
  const [form, setForm] = useState<SearchForm>(EMPTY_SEARCH);
  const { fieldErrors: errors, setFieldErrors, clearField, check, formRef } = useFieldErrors<SearchField>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const inUse = filtersInUse(form);
  // The gate's refusal of the last search, beside its fields.
  useEffect(() => {
    setFieldErrors(gateErrors);
    if (FILTER_FIELDS.some((f) => gateErrors[f])) setFiltersOpen(true);
  }, [gateErrors, setFieldErrors]);

  const set = (field: Exclude<SearchField, 'fuzzy'>) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
    clearField(field);
  };
  const input = (field: Exclude<SearchField, 'fuzzy'>) => ({ value: form[field], onChange: set(field), error: errors[field] });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toSearchQuery(form);
    if (!checked.ok) {
      if (FILTER_FIELDS.some((f) => checked.errors[f])) setFiltersOpen(true);
      check(checked.errors);
      return;
    }
    check({});
    onSearch(checked.query);
  };

  return (
    <Paper ref={formRef} component="form" withBorder p="md" onSubmit={submit} aria-label="Search plate reads" noValidate>
      <Stack gap="sm">
        <Group align="flex-start" gap="lg" wrap="wrap">
          <TextInput
            label="Plate or pattern"
            description={
              <>
                <kbd>*</kbd> any run of characters, <kbd>?</kbd> exactly one: e.g. <span className="cu-mono">AB?12*</span> or{' '}
                <span className="cu-mono">*BC12*</span>. Spaces and dashes are ignored.
              </>
            }
            w={320}
            classNames={{ input: 'cu-plate-input' }}
            autoComplete="off"
            spellCheck={false}
            maxLength={24}
            data-autofocus
            {...input('plate')}
          />
          <Switch
            className="cu-ocr-switch"
            label="OCR-aware"
            description="Also finds the usual misreads (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G) and a plate read with one character missing or extra, closest first."
            checked={form.fuzzy}
            onChange={(event) => {
              const fuzzy = event.currentTarget.checked;
              setForm((f) => ({ ...f, fuzzy }));
              clearField('fuzzy');
            }}
            mt={4}
            maw={420}
          />
        </Group>

        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setFiltersOpen((open) => !open)}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            leftSection={filtersOpen ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          >
            Filters{inUse > 0 ? ` (${inUse} in use)` : ''}
          </Button>
          <Collapse expanded={filtersOpen} id={filtersId}>
            <Stack gap="sm" pt="sm">
              <div className="cu-search-filters">
                <TextInput type="datetime-local" label="Captured from" description="Local time" {...input('from')} />
                <TextInput type="datetime-local" label="Captured to" description="Local time, to the end of that minute" {...input('to')} />
                <TextInput label="State" description="2-letter code, e.g. CA" maxLength={3} autoComplete="off" {...input('state')} />
                <TextInput label="Camera or location" description="Part of its name" autoComplete="off" {...input('camera')} />
                <TextInput label="Make" autoComplete="off" {...input('make')} />
                <TextInput label="Model" autoComplete="off" {...input('model')} />
                <TextInput label="Colour" autoComplete="off" {...input('color')} />
                <TextInput
                  label="Confidence at least (%)"
                  description="0 to 100"
                  inputMode="decimal"
                  autoComplete="off"
                  {...input('minConfidence')}
                />
                <TextInput
                  label="Import #"
                  description="As on the Imports page"
                  inputMode="numeric"
                  autoComplete="off"
                  {...input('importId')}
                />
                <TextInput label="Vendor" description="e.g. Flock Safety" autoComplete="off" {...input('vendor')} />
              </div>
              {inUse > 0 && (
                <Button
                  variant="default"
                  size="compact-sm"
                  className="cu-self-start"
                  leftSection={<IconX size={14} aria-hidden />}
                  onClick={() => {
                    setForm((f) => ({ ...EMPTY_SEARCH, plate: f.plate, fuzzy: f.fuzzy }));
                    for (const f of FILTER_FIELDS) clearField(f);
                  }}
                >
                  Clear filters
                </Button>
              )}
            </Stack>
          </Collapse>
        </div>

        <Group gap="md" align="center">
          <Button type="submit" loading={busy} leftSection={<IconSearch size={18} aria-hidden />}>
            Search
          </Button>
          <Text size="sm" className="cu-muted">
            Searches only the plate reads already imported on this workstation; nothing is sent anywhere. Every search is logged with its
            query, your case and your purpose.
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
