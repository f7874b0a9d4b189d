import { Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../app/client-context';
import { AuthLayout } from '../common/auth-layout';
import { ErrorAlert } from '../common/error-alert';
import { NewPasswordFields, useNewPassword } from '../common/new-password-fields';
import { useFormAction } from '../common/use-form-action';

/** The gate's word on the new password (too short, commonly used) goes under it. */
const ROUTES = {
  byCode: { 'weak-password': 'password' },
  byPath: { commander: 'username', fullName: 'fullName', password: 'password' },
} as const;

export interface SetUpDone {
  username: string;
  recoveryCode: string;
}

/**
 * First run: there is no workspace on this workstation yet. Creates it with the
 * Administration Division Commander's account; the recovery code comes next, once.
 */
export function SetUpPage({ folder, onDone }: { folder: string; onDone(done: SetUpDone): void }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const newPassword = useNewPassword();
  const { busy, error, fieldErrors, formRef, run, check, clearField } = useFormAction<'username' | 'fullName' | 'password'>(ROUTES);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = check({
      username: !username.trim() && "Give the commander's username.",
      fullName: !fullName.trim() && 'Give the full name.',
      password: !newPassword.password && 'Choose a password.',
    });
    if (!newPassword.confirmed() || !filled) return;
    await run(async () => {
      const created = await client.setUp({ commander: username, fullName, password: newPassword.password });
      onDone({ username: username.trim().toLowerCase(), recoveryCode: created.recoveryCode });
    });
  };

  return (
    <AuthLayout title="Set up Custodian on this workstation" wide>
      <Stack gap="xs">
        <Text>
          Custodian keeps everything in one <strong>workspace</strong>: the plate reads and their images, the people who may use them and
          their training, and the access log that records every look at the data. The workspace is a folder on this workstation, encrypted
          from the start. It opens only with the password of someone who has an account in it, or with the recovery code you will be shown
          next. Nothing is sent anywhere.
        </Text>
        <Text size="sm" c="dimmed">
          Folder: <Code>{folder}</Code>
        </Text>
        <Text>
          The first account belongs to the Administration Division Commander, who manages ALPR data retention and access (policy 427.3) and
          adds everyone else.
        </Text>
      </Stack>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Commander's username"
            description="2 to 32 letters, digits, dots, dashes or underscores, starting with a letter (e.g. lthompson)."
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
              clearField('username');
            }}
            error={fieldErrors.username}
            autoComplete="username"
            required
            autoFocus
          />
          <TextInput
            label="Full name"
            description="As it should appear in the access log."
            value={fullName}
            onChange={(e) => {
              setFullName(e.currentTarget.value);
              clearField('fullName');
            }}
            error={fieldErrors.fullName}
            autoComplete="name"
            required
          />
          <NewPasswordFields
            id="setup"
            labels={{ password: 'Password', confirmation: 'Confirm password' }}
            {...newPassword}
            onPassword={(value) => {
              newPassword.onPassword(value);
              clearField('password');
            }}
            username={username}
            passwordError={fieldErrors.password ?? null}
          />
          <ErrorAlert error={error} title="The workspace was not created" />
          <Button type="submit" loading={busy} size="md">
            Create the workspace
          </Button>
          {busy && (
            <Text size="sm" c="dimmed" aria-live="polite">
              Creating the encrypted workspace; this takes a few seconds.
            </Text>
          )}
        </Stack>
      </form>
    </AuthLayout>
  );
}
