import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../app/client-context';
import { AuthLayout } from '../common/auth-layout';
import { ErrorAlert } from '../common/error-alert';
import { useFormAction } from '../common/use-form-action';

/** Sign in with username and password; the gate's refusal (wrong password and attempts left, locked account) shows as it is. */
export function SignInPage({
  initialUsername,
  notice,
  onSignedIn,
  onForgot,
}: {
  initialUsername: string;
  /** e.g. "The password was reset. Sign in with the new one." */
  notice: string | null;
  /** resolves once the app has moved on (the button stays busy until then) */
  onSignedIn(): Promise<void>;
  onForgot(): void;
}) {
  const client = useClient();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const { busy, error, run, check, clearField, fieldErrors, formRef } = useFormAction<'username' | 'password'>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An empty field is not sent: it would count as a wrong try against the name.
    if (!check({ username: !username.trim() && 'Give your username.', password: !password && 'Give your password.' })) return;
    void run(async () => {
      try {
        await client.signIn(username, password);
      } catch (failure) {
        setPassword('');
        throw failure;
      }
      await onSignedIn();
    });
  };

  return (
    <AuthLayout title="Sign in to Custodian">
      <Text>Only trained, authorised people may sign in. Every sign-in is recorded in the access log with your name and the time.</Text>
      {notice && (
        <Text fw={600} role="status">
          {notice}
        </Text>
      )}
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Username"
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
            autoFocus={initialUsername === ''}
          />
          <PasswordInput
            label="Password"
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
            autoFocus={initialUsername !== ''}
          />
          <ErrorAlert error={error} title="Not signed in" />
          <Button type="submit" loading={busy} size="md">
            Sign in
          </Button>
        </Stack>
      </form>
      <Anchor component="button" type="button" onClick={onForgot} size="sm" ta="left">
        Forgot the commander password? Use the recovery code
      </Anchor>
    </AuthLayout>
  );
}
