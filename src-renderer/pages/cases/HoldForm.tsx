import { Button, Group, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Hold } from '../../../src-main/contract/cases';
import type { HoldReason } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { localMinuteBound } from '../common/time';
import { useFormAction } from '../common/use-form-action';
import { REASON_OPTIONS } from './labels';

type Field = 'caseNumber' | 'reason' | 'reasonText' | 'reviewOn' | 'plate' | 'from' | 'to';
const ROUTES = {
  byPath: {
    caseNumber: 'caseNumber',
    reason: 'reason',
    reasonText: 'reasonText',
    reviewOn: 'reviewOn',
    'query.plate': 'plate',
    'query.from': 'from',
    'query.to': 'to',
  } as Record<string, Field>,
};

/**
 * Place a hold (Policy 427.5): on chosen reads (from the Search page's selection), or on
 * every read matching a plate pattern in a capture window, at some cameras — reads imported
 * later included. The review date defaults to the retention schedule for the reason.
 */
export function HoldForm({
  caseNumber,
  readIds,
  onPlaced,
}: {
  caseNumber: string;
  readIds?: readonly number[];
  onPlaced(hold: Hold): void;
}) {
  const gate = useGate();
  const [form, setForm] = useState({
    caseNumber,
    reason: 'investigation' as HoldReason,
    reasonText: '',
    reviewOn: '',
    plate: '',
    from: '',
    to: '',
  });
  const [cameras, setCameras] = useState<string[]>([]);
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, check, clearField, formRef } = action;
  const set = (key: Field) => (value: string) => {
    setForm((current) => ({ ...current, [key]: value }));
    clearField(key);
  };
  const text = (key: Field) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value),
    error: fieldErrors[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const from = form.from ? localMinuteBound(form.from, false) : null;
    const to = form.to ? localMinuteBound(form.to, true) : null;
    const ok = check({
      caseNumber: !form.caseNumber.trim() && 'Give the case number the hold is for.',
      reasonText: form.reason === 'other' && form.reasonText.trim().length < 3 && 'Say what the other reason is.',
      ...(readIds
        ? {}
        : {
            plate: !form.plate.trim() && 'Give the plate or pattern the hold keeps (with * or ?).',
            from: !from && 'Give the start of the capture window.',
            to: !to && 'Give the end of the capture window.',
          }),
    });
    if (!ok) return;
    await action.run(async () => {
      const hold = await gate.call('hold.place', {
        caseNumber: form.caseNumber.trim(),
        reason: form.reason,
        ...(form.reason === 'other' ? { reasonText: form.reasonText.trim() } : {}),
        ...(form.reviewOn ? { reviewOn: form.reviewOn } : {}),
        ...(readIds
          ? { readIds: [...readIds] }
          : { query: { plate: form.plate.trim(), from: from!, to: to!, ...(cameras.length ? { cameras } : {}) } }),
      });
      onPlaced(hold);
    });
  };

  return (
    <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label="Case number" required {...text('caseNumber')} />
          <Select
            label="Reason"
            data={REASON_OPTIONS}
            value={form.reason}
            allowDeselect={false}
            onChange={(value) => value && set('reason')(value)}
            error={fieldErrors.reason}
          />
        </Group>
        {form.reason === 'other' && <TextInput label="What the reason is" required {...text('reasonText')} />}
        {!readIds && (
          <>
            <Group grow align="flex-start">
              <TextInput label="Plate or pattern" description="* any run of characters, ? one character" required {...text('plate')} />
              <TagsInput
                label="Cameras (optional)"
                description="Only reads at these cameras; Enter after each"
                value={cameras}
                onChange={setCameras}
              />
            </Group>
            <Group grow align="flex-start">
              <TextInput type="datetime-local" label="Captured from" required {...text('from')} />
              <TextInput type="datetime-local" label="Captured to" required {...text('to')} />
            </Group>
          </>
        )}
        <TextInput
          type="date"
          label="Review on (optional)"
          description="Left empty: the retention schedule for the reason"
          {...text('reviewOn')}
        />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={action.busy}>
            {readIds ? `Hold ${readIds.length === 1 ? 'the read' : `the ${readIds.length} reads`}` : 'Place the hold'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
