import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { GateError } from '../client/gate-error';
import { ErrorAlert } from '../pages/common/error-alert';
import { NewPasswordFields, useNewPassword } from '../pages/common/new-password-fields';
import { useAction } from '../pages/common/use-action';
import { useMe } from './client-context';
import { useGate } from './gate';

/** Change my own password (user.changePassword). Wrong current passwords count towards the lockout. */
export function ChangePasswordDialog({ opened, onClose, onChanged }: { opened: boolean; onClose(): void; onChanged(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change my password" size="lg" centered>
      {opened && <ChangePasswordForm onClose={onClose} onChanged={onChanged} />}
    </Modal>
  );
}

function ChangePasswordForm({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const gate = useGate();
  const me = useMe();
  const [currentPassword, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const { busy, error, run } = useAction();

  const code = error instanceof GateError ? error.code : null;
  const currentError = code === 'wrong-password' || code === 'account-locked' ? (error as GateError).message : null;
  const newError = code === 'weak-password' || code === 'same-password' ? (error as GateError).message : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!newPassword.confirmed()) return;
    await run(async () => {
      await gate.call('user.changePassword', { currentPassword, newPassword: newPassword.password });
      onChanged();
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>The new password replaces the old one at once, here and on the command line. Nothing else changes.</Text>
        <PasswordInput
          label="Current password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={currentError}
          autoComplete="current-password"
          required
          data-autofocus
        />
        <NewPasswordFields
          id="change"
          labels={{ password: 'New password', confirmation: 'Confirm new password' }}
          {...newPassword}
          username={me.username}
          passwordError={newError}
        />
        {!currentError && !newError && <ErrorAlert error={error} title="The password was not changed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
