import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../pages/common/error-alert';
import { NewPasswordFields, useNewPassword } from '../pages/common/new-password-fields';
import { useFormAction } from '../pages/common/use-form-action';
import { useMe } from './client-context';
import { useGate } from './gate';

type Field = 'currentPassword' | 'newPassword';
const ROUTES = {
  byCode: {
    'wrong-password': 'currentPassword',
    'account-locked': 'currentPassword',
    'weak-password': 'newPassword',
    'same-password': 'newPassword',
  },
} as const;

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
  const { busy, error, fieldErrors, formRef, run, check, clearField } = useFormAction<Field>(ROUTES);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = check({
      currentPassword: !currentPassword && 'Give your current password.',
      newPassword: !newPassword.password && 'Choose a new password.',
    });
    if (!newPassword.confirmed() || !filled) return;
    await run(async () => {
      await gate.call('user.changePassword', { currentPassword, newPassword: newPassword.password });
      onChanged();
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>The new password replaces the old one at once, here and on the command line. Nothing else changes.</Text>
        <PasswordInput
          label="Current password"
          value={currentPassword}
          onChange={(e) => {
            setCurrent(e.currentTarget.value);
            clearField('currentPassword');
          }}
          error={fieldErrors.currentPassword}
          // Mantine's PasswordInput does not mark its input invalid itself.
          aria-invalid={fieldErrors.currentPassword ? true : undefined}
          autoComplete="current-password"
          required
          data-autofocus
        />
        <NewPasswordFields
          id="change"
          labels={{ password: 'New password', confirmation: 'Confirm new password' }}
          {...newPassword}
          onPassword={(value) => {
            newPassword.onPassword(value);
            clearField('newPassword');
          }}
          username={me.username}
          passwordError={fieldErrors.newPassword ?? null}
        />
        <ErrorAlert error={error} title="The password was not changed" />
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
