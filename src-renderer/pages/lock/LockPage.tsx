import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Me } from '../../../src-main/contract/schemas';
import { useClient } from '../../app/client-context';
import { AuthLayout } from '../common/auth-layout';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';
import { rolesText } from '../../app/roles';

/**
 * The session locked after the idle limit: unlock with the password, or sign out. It stands
 * outside the signed-in frame (no case and purpose here), so it signs out through the Client.
 */
export function LockPage({
  me,
  onUnlocked,
  onSignedOut,
}: {
  me: Me;
  /** resolves once the app has moved on (the button stays busy until then) */
  onUnlocked(): Promise<void>;
  onSignedOut(): void;
}) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const { busy, error, run, check, clearField, fieldErrors, formRef } = useFormAction<'password'>();
  /** which of the two buttons started the action running now (it shows busy, the other is disabled) */
  const [pressed, setPressed] = useState<'unlock' | 'sign-out'>('unlock');

  const unlock = (event: FormEvent) => {
    event.preventDefault();
    if (!check({ password: !password && 'Give your password.' })) return;
    setPressed('unlock');
    void run(async () => {
      try {
        await client.unlock(password);
      } catch (failure) {
        setPassword('');
        throw failure;
      }
      await onUnlocked();
    });
  };

  // Signing out leaves the lock screen even when the request fails; the refusal is shown if it stays.
  const signOut = () => {
    setPressed('sign-out');
    void run(async () => {
      try {
        await client.call('session.signOut', {});
      } finally {
        onSignedOut();
      }
    });
  };

  return (
    <AuthLayout title="Session locked">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconLock size={28} aria-hidden className="lock-icon" />
        <Stack gap={4}>
          <Text>
            The session locked after {me.idleMinutes} minute{me.idleMinutes === 1 ? '' : 's'} without activity. Nothing is shown until it is
            unlocked.
          </Text>
          <Text>
            Signed in: <strong>{me.fullName}</strong> ({me.username}), {rolesText(me.roles)}
          </Text>
        </Stack>
      </Group>
      <form ref={formRef} onSubmit={unlock} noValidate>
        <Stack gap="md">
          <PasswordInput
            label={`Password for ${me.username}`}
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              clearField('password');
            }}
            error={fieldErrors.password}
            // Mantine's PasswordInput does not mark its input invalid itself.
            aria-invalid={fieldErrors.password ? true : undefined}
            autoComplete="current-password"
            required
            autoFocus
          />
          <ErrorAlert error={error} title="Still locked" />
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={signOut}
              loading={busy && pressed === 'sign-out'}
              disabled={busy && pressed === 'unlock'}
              size="md"
            >
              Sign out
            </Button>
            <Button type="submit" loading={busy && pressed === 'unlock'} disabled={busy && pressed === 'sign-out'} size="md">
              Unlock
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        Someone else at this workstation? Sign out first; the session is then closed and logged.
      </Text>
    </AuthLayout>
  );
}
