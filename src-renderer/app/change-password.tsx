import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { GateError } from '../client/gate-error';
import { ErrorAlert } from '../components/error-alert';
import { NewPasswordFields } from '../components/new-password-fields';
import { confirmationError } from '../components/password-rules';
import { useClient, useMe } from './client-context';

/** Change my own password (user.changePassword). Wrong current passwords count towards the lockout. */
export function ChangePasswordDialog({ opened, onClose, onChanged }: { opened: boolean; onClose(): void; onChanged(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change my password" size="lg" centered>
      {opened && <ChangePasswordForm onClose={onClose} onChanged={onChanged} />}
    </Modal>
  );
}

function ChangePasswordForm({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const client = useClient();
  const me = useMe();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const code = error instanceof GateError ? error.code : null;
  const currentError = code === 'wrong-password' || code === 'account-locked' ? (error as GateError).message : null;
  const newError = code === 'weak-password' || code === 'same-password' ? (error as GateError).message : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const notSame = confirmationError(newPassword, confirmation);
    setMismatch(notSame);
    if (notSame) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('user.changePassword', { currentPassword, newPassword });
      onChanged();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
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
          password={newPassword}
          confirmation={confirmation}
          onPassword={setNew}
          onConfirmation={setConfirmation}
          username={me.username}
          passwordError={newError}
          mismatch={mismatch}
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
