import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../app/client-context';
import { AuthLayout } from '../common/auth-layout';
import { ErrorAlert } from '../common/error-alert';
import { NewPasswordFields, useNewPassword } from '../common/new-password-fields';
import { useFormAction } from '../common/use-form-action';

/** The gate's word on the new password (too short, commonly used) goes under it. */
const ROUTES = {
  byCode: { 'weak-password': 'password' },
  byPath: { recoveryCode: 'recoveryCode', username: 'username', newPassword: 'password' },
} as const;

/**
 * A commander who lost their password sets a new one with the recovery code. The old
 * code stops working and a new one is shown next, once.
 */
export function RecoverPage({
  onRecovered,
  onBack,
}: {
  onRecovered(done: { username: string; recoveryCode: string }): void;
  onBack(): void;
}) {
  const client = useClient();
  const [recoveryCode, setRecoveryCode] = useState('');
  const [username, setUsername] = useState('');
  const newPassword = useNewPassword();
  const { busy, error, fieldErrors, formRef, run, check, clearField } = useFormAction<'recoveryCode' | 'username' | 'password'>(ROUTES);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = check({
      recoveryCode: !recoveryCode.trim() && 'Give the recovery code.',
      username: !username.trim() && "Give the commander's username.",
      password: !newPassword.password && 'Choose a new password.',
    });
    if (!newPassword.confirmed() || !filled) return;
    await run(async () => {
      const result = await client.recover({ recoveryCode, username, newPassword: newPassword.password });
      onRecovered({ username: username.trim().toLowerCase(), recoveryCode: result.recoveryCode });
    });
  };

  return (
    <AuthLayout title="Reset the commander password" wide>
      <Text>
        The recovery code given when the workspace was set up resets the password of a commander. Afterwards that code stops working and a
        new one is shown, once, to be stored in its place. Wrong codes count towards a lockout.
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Recovery code"
            value={recoveryCode}
            onChange={(e) => {
              setRecoveryCode(e.currentTarget.value);
              clearField('recoveryCode');
            }}
            error={fieldErrors.recoveryCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            classNames={{ input: 'monospace-input' }}
            required
            autoFocus
          />
          <TextInput
            label="Commander's username"
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
              clearField('username');
            }}
            error={fieldErrors.username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
          <NewPasswordFields
            id="recover"
            labels={{ password: 'New password', confirmation: 'Confirm new password' }}
            {...newPassword}
            onPassword={(value) => {
              newPassword.onPassword(value);
              clearField('password');
            }}
            username={username}
            passwordError={fieldErrors.password ?? null}
          />
          <ErrorAlert error={error} title="The password was not reset" />
          <Group justify="space-between">
            <Button variant="default" onClick={onBack} size="md">
              Back to sign in
            </Button>
            <Button type="submit" loading={busy} size="md">
              Reset the password
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
