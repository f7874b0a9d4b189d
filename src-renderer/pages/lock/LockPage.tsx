import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Me } from '../../../src-main/contract/schemas';
import { useClient } from '../../app/client-context';
import { AuthLayout } from '../common/auth-layout';
import { ErrorAlert } from '../common/error-alert';
import { rolesText } from '../../app/roles';

/**
 * The session locked after the idle limit: unlock with the password, or sign out. It stands
 * outside the signed-in frame (no case and purpose here), so it signs out through the Client.
 */
export function LockPage({ me, onUnlocked, onSignedOut }: { me: Me; onUnlocked(): void; onSignedOut(): void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'unlock' | 'sign-out' | null>(null);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('unlock');
    setError(null);
    try {
      await client.unlock(password);
      onUnlocked();
    } catch (failure) {
      setError(failure);
      setPassword('');
      setBusy(null);
    }
  };

  const signOut = async () => {
    setBusy('sign-out');
    setError(null);
    try {
      await client.call('session.signOut', {});
    } catch (failure) {
      setError(failure);
    }
    setBusy(null);
    onSignedOut();
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
      <form onSubmit={unlock} noValidate>
        <Stack gap="md">
          <PasswordInput
            label={`Password for ${me.username}`}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            autoFocus
          />
          <ErrorAlert error={error} title="Still locked" />
          <Group justify="space-between">
            <Button variant="default" onClick={() => void signOut()} loading={busy === 'sign-out'} disabled={busy === 'unlock'} size="md">
              Sign out
            </Button>
            <Button type="submit" loading={busy === 'unlock'} disabled={busy === 'sign-out'} size="md">
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
