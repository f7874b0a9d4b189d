import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import type { Account } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';

export interface ConfidentialChange {
  person: Account;
  authorize: boolean;
}

/** A commander grants or revokes authorisation to confidential state and federal data (policy 427.4(e)). */
export function ConfidentialModal({
  change,
  onClose,
  onChanged,
}: {
  change: ConfidentialChange | null;
  onClose(): void;
  onChanged(message: string): void;
}) {
  const gate = useGate();
  const { busy, error, clear, run } = useFormAction();

  const close = () => {
    clear();
    onClose();
  };
  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (!change) return;
    await run(async () => {
      const result = await gate.call('user.setConfidential', { username: change.person.username, authorized: change.authorize });
      onChanged(
        result.confidentialAuthorized
          ? `${result.fullName} is now authorised for confidential state and federal data.`
          : `${result.fullName} is no longer authorised for confidential state and federal data.`,
      );
    });
  };

  const title = change
    ? change.authorize
      ? `Grant confidential data to ${change.person.fullName}?`
      : `Revoke confidential data from ${change.person.fullName}?`
    : 'Confidential data';
  return (
    <Modal opened={change !== null} onClose={close} title={title}>
      {change && (
        <form onSubmit={(event) => void apply(event)}>
          <Stack>
            <Text>
              {change.authorize
                ? `${change.person.fullName} (${change.person.username}) will be authorised to open confidential state and federal data, such as NCIC hot lists (policy 427.4(e)). Grant this only with the written authorisation on file.`
                : `${change.person.fullName} (${change.person.username}) will no longer be able to open confidential state and federal data (policy 427.4(e)).`}
            </Text>
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color={change.authorize ? undefined : 'red.9'} loading={busy} data-autofocus>
                {change.authorize ? 'Grant' : 'Revoke'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
