import { Alert as Notice, Autocomplete, Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { VERIFICATION_RESULTS, type Alert, type Verification } from '../../../src-main/contract/hotlists';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { localMinute, localMinuteBound } from '../common/time';
import { useFormAction } from '../common/use-form-action';
import { RESULT_MEANINGS } from './labels';
import { ALERT_STATUS_PHRASES } from '../../../src-main/contract/phrases';

type Field = 'source' | 'result' | 'checkedAt' | 'note';
const ROUTES = { byPath: { source: 'source', result: 'result', checkedAt: 'checkedAt', note: 'note' } } as const;

/** The official databases usually checked; any other can be typed. */
const SOURCES = ['NCIC', 'State DMV', 'CLETS', 'Local records'];

/**
 * Record a verification of an alert (policy 427.4(f)): the database checked, what it said,
 * when, and a note. A verification is never edited: recording another supersedes it.
 */
export function VerifyDialog({
  alert,
  onClose,
  onVerified,
}: {
  alert: Alert | null;
  onClose(): void;
  onVerified(alert: Alert, verification: Verification): void;
}) {
  return (
    <Modal opened={alert !== null} onClose={onClose} title={alert ? `Verify alert #${alert.id}` : 'Verify'} size="lg">
      {alert && <VerifyForm alert={alert} onClose={onClose} onVerified={onVerified} />}
    </Modal>
  );
}

function VerifyForm({ alert, onClose, onVerified }: { alert: Alert; onClose(): void; onVerified(alert: Alert, v: Verification): void }) {
  const gate = useGate();
  const [source, setSource] = useState('NCIC');
  const [result, setResult] = useState<Verification['result'] | ''>('');
  const [checkedAt, setCheckedAt] = useState(() => localMinute(new Date()));
  const [note, setNote] = useState('');
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, check, clearField, formRef } = action;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = localMinuteBound(checkedAt, false);
    const fine = check({
      source: source.trim().length < 2 && 'Name the database checked, e.g. NCIC.',
      result: !result && 'Choose what the check found.',
      checkedAt: !checked && 'Give the date and time of the check.',
      note: note.trim().length < 3 && 'Say what the check found: who was asked, what the record says.',
    });
    if (!fine || !result || !checked) return;
    void action.run(async () => {
      const saved = await gate.call('alert.verify', {
        alertId: alert.id,
        source: source.trim(),
        result,
        checkedAt: checked,
        note: note.trim(),
      });
      onVerified(saved.alert, saved.verification);
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          Read <span className="cu-plate">{alert.read.plate}</span>
          {alert.read.state ? ` (${alert.read.state})` : ''} matched <span className="cu-plate">{alert.entry.plate}</span> on{' '}
          {alert.entry.list}: {alert.entry.reason ?? 'no reason given'}.
        </Text>
        {alert.verification && (
          <Notice color="blue" icon={<IconInfoCircle aria-hidden />} title="This supersedes the current verification">
            Verification #{alert.verification.id} ({ALERT_STATUS_PHRASES[alert.verification.result]} through {alert.verification.source})
            stays in the record, marked as superseded by this one. Verifications are never edited.
          </Notice>
        )}
        <Autocomplete
          label="Database checked"
          description="The official database the hit was checked in (policy 427.4(f))."
          data={SOURCES}
          value={source}
          onChange={(value) => {
            setSource(value);
            clearField('source');
          }}
          error={fieldErrors.source}
          required
          maxLength={80}
          data-autofocus
        />
        <Radio.Group
          label="Result"
          value={result}
          onChange={(value) => {
            setResult(value as Verification['result']);
            clearField('result');
          }}
          error={fieldErrors.result}
          required
        >
          <Stack gap="xs" mt={4}>
            {VERIFICATION_RESULTS.map((value) => (
              <Radio key={value} value={value} label={ALERT_STATUS_PHRASES[value]} description={RESULT_MEANINGS[value]} />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          label="Time checked"
          description="This workstation's local time."
          type="datetime-local"
          value={checkedAt}
          onChange={(e) => {
            setCheckedAt(e.currentTarget.value);
            clearField('checkedAt');
          }}
          error={fieldErrors.checkedAt}
          required
        />
        <Textarea
          label="Note"
          description="What the check found: the record, who confirmed it, any difference from the read."
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            clearField('note');
          }}
          error={fieldErrors.note}
          required
          maxLength={2000}
          autosize
          minRows={3}
          maxRows={8}
        />
        <Text size="sm" className="cu-muted">
          Saved with your name and the time, in the access log too. It cannot be edited afterwards; a later verification supersedes it.
        </Text>
        <ErrorAlert error={action.error} title="The verification was not recorded" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={action.busy}>
            Record the verification
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
