import { Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { localMinute, localMinuteBound } from '../common/time';
import { useFormAction } from '../common/use-form-action';

type Field = 'retentionDays' | 'vendorAuditRetentionDays' | 'releasedHoldClock' | 'departmentName' | 'purgeAsOf';
const ROUTES = {
  byPath: {
    retentionDays: 'retentionDays',
    vendorAuditRetentionDays: 'vendorAuditRetentionDays',
    departmentName: 'departmentName',
    purgeAsOf: 'purgeAsOf',
  } as Record<string, Field>,
};

const CLOCKS = [
  { value: 'capture', label: 'From capture: a released read past the period goes at the next purge' },
  { value: 'release', label: 'From the release: a released read is kept one more period' },
];

/** The commander's retention settings: the periods (427.5), how a released hold's reads count, the department's name on certificates, and a drill's as-of time. */
export function RetentionSettingsForm({ settings, onSaved }: { settings: Settings; onSaved(message: string): void }) {
  const gate = useGate();
  const [form, setForm] = useState({
    retentionDays: settings.retentionDays as number | string,
    vendorAuditRetentionDays: settings.vendorAuditRetentionDays as number | string,
    releasedHoldClock: settings.releasedHoldClock,
    departmentName: settings.departmentName ?? '',
    purgeAsOf: settings.purgeAsOf ? localMinute(new Date(settings.purgeAsOf)) : '',
  });
  const action = useFormAction<Field>(ROUTES);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm({ ...form, [key]: value });
    action.clearField(key);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const asOf = form.purgeAsOf ? localMinuteBound(form.purgeAsOf, false) : null;
    if (!action.check({ purgeAsOf: form.purgeAsOf !== '' && !asOf && 'Give the drill time as a date and time, or leave it empty.' }))
      return;
    await action.run(async () => {
      const saved = await gate.call('settings.update', {
        retentionDays: Number(form.retentionDays),
        vendorAuditRetentionDays: Number(form.vendorAuditRetentionDays),
        releasedHoldClock: form.releasedHoldClock,
        departmentName: form.departmentName.trim() || null,
        purgeAsOf: asOf,
      });
      onSaved(
        `Retention settings saved: reads are kept ${saved.retentionDays} days, vendor audit rows ${saved.vendorAuditRetentionDays} days${saved.purgeAsOf ? '; purges from the app run as a drill' : ''}.`,
      );
    });
  };

  return (
    <form ref={action.formRef} onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NumberInput
            label="Retention period (days)"
            min={1}
            max={3650}
            value={form.retentionDays}
            onChange={(v) => set('retentionDays', v)}
            error={action.fieldErrors.retentionDays}
          />
          <NumberInput
            label="Vendor audit rows (days)"
            min={30}
            max={36500}
            value={form.vendorAuditRetentionDays}
            onChange={(v) => set('vendorAuditRetentionDays', v)}
            error={action.fieldErrors.vendorAuditRetentionDays}
          />
          <TextInput
            label="Department name"
            description="At the head of every certificate"
            value={form.departmentName}
            onChange={(e) => set('departmentName', e.currentTarget.value)}
            error={action.fieldErrors.departmentName}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="After the last hold on a read is released, its clock counts"
            data={CLOCKS}
            allowDeselect={false}
            value={form.releasedHoldClock}
            onChange={(v) => v && set('releasedHoldClock', v as Settings['releasedHoldClock'])}
          />
          <TextInput
            type="datetime-local"
            label="Drill: count back from (optional)"
            description="Left empty, purges count back from the clock"
            value={form.purgeAsOf}
            onChange={(e) => set('purgeAsOf', e.currentTarget.value)}
            error={action.fieldErrors.purgeAsOf}
          />
        </Group>
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={action.busy}>
            Save retention settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
