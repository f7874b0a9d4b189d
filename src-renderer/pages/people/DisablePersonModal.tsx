import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import type { Account } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';

/** Confirm before disabling someone: they can no longer sign in, and what they did stays on record. Enter confirms, Escape cancels. */
export function DisablePersonModal({
  person,
  onClose,
  onDisabled,
}: {
  person: Account | null;
  onClose(): void;
  onDisabled(message: string): void;
}) {
  const gate = useGate();
  const { busy, error, clear, run } = useFormAction();

  const close = () => {
    clear();
    onClose();
  };
  const disable = async (event: FormEvent) => {
    event.preventDefault();
    if (!person) return;
    await run(async () => {
      const result = await gate.call('user.disable', { username: person.username });
      onDisabled(`${result.fullName} (${result.username}) is disabled and can no longer sign in.`);
    });
  };

  return (
    <Modal opened={person !== null} onClose={close} title={person ? `Disable ${person.fullName}?` : 'Disable'}>
      {person && (
        <form onSubmit={(event) => void disable(event)}>
          <Stack>
            <Text>
              {person.fullName} ({person.username}) will no longer be able to sign in. Their key slot is removed from the keyring and any
              session they have open ends.
            </Text>
            <Text>
              Their history stays: every access-log entry and training record under their name is kept, and the username cannot be given to
              anyone else.
            </Text>
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red.9" loading={busy} data-autofocus>
                Disable {person.fullName}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
