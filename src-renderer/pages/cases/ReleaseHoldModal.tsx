import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Hold } from '../../../src-main/contract/cases';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { plural } from '../common/format';
import { useFormAction } from '../common/use-form-action';

/** Release a hold, with the written reason kept with it for ever; its reads become eligible for the purge again. */
export function ReleaseHoldModal({ hold, onClose, onReleased }: { hold: Hold | null; onClose(): void; onReleased(hold: Hold): void }) {
  const gate = useGate();
  const [reason, setReason] = useState('');
  const action = useFormAction<'reason'>({ byPath: { reason: 'reason' } });
  const close = () => {
    action.clear();
    setReason('');
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!hold || !action.check({ reason: reason.trim().length < 10 && 'Write why the hold is released, in at least 10 characters.' }))
      return;
    await action.run(async () => {
      const released = await gate.call('hold.release', { holdId: hold.id, reason: reason.trim() });
      setReason('');
      onReleased(released);
    });
  };
  return (
    <Modal opened={hold !== null} onClose={close} title={hold ? `Release hold ${hold.id} on case ${hold.caseNumber}?` : 'Release'}>
      {hold && (
        <form ref={action.formRef} onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Text>
              It keeps {hold.keeps} ({plural(hold.reads, 'stored read')}). Once released, reads no other hold keeps are destroyed by the
              purge when they are past the retention period.
            </Text>
            <Textarea
              label="Why it is released"
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                action.clearField('reason');
              }}
              error={action.fieldErrors.reason}
              data-autofocus
            />
            <ErrorAlert error={action.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red.9" loading={action.busy}>
                Release the hold
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
