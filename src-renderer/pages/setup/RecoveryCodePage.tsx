import { Alert, Button, Checkbox, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { AuthLayout } from '../common/auth-layout';

/**
 * The recovery code, shown once: after first-run set-up, and again (a new one) after a
 * commander's password was reset with the old code. Continue only once the person says
 * they have stored it.
 */
export function RecoveryCodePage({ code, reason, onContinue }: { code: string; reason: 'set-up' | 'recovered'; onContinue(): void }) {
  const [stored, setStored] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stored) onContinue();
  };

  return (
    <AuthLayout title={reason === 'set-up' ? 'The recovery code' : 'The new recovery code'} wide>
      <Text>
        {reason === 'set-up'
          ? 'The workspace is ready. This is its recovery code.'
          : "The commander's password has been reset. The old recovery code no longer works; this is the new one."}{' '}
        It is shown <strong>this once</strong> and cannot be shown again.
      </Text>
      <Paper withBorder radius="md" p="lg" className="recovery-code-box">
        <p className="recovery-code" data-testid="recovery-code">
          {codeLines(code).map((line, index) => (
            <span key={index} className="recovery-code-line">
              {line}
            </span>
          ))}
        </p>
      </Paper>
      <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title="Store it like a safe combination">
        <Stack gap="xs">
          <Text size="sm">
            If the commander's password is lost, this code is the only way back into the workspace: without it, the encrypted data cannot be
            opened by anyone.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>Write it down by hand, seal it in an envelope, sign across the seal and book it into the evidence safe.</List.Item>
            <List.Item>Keep it apart from backups of the workspace, and never in a file on this computer.</List.Item>
            <List.Item>Anyone holding it can reset a commander's password, so treat it as you would the commander's key.</List.Item>
          </List>
        </Stack>
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Checkbox
            label="I have stored the recovery code"
            checked={stored}
            onChange={(event) => setStored(event.currentTarget.checked)}
            description="Continue becomes available once this is ticked."
            size="md"
          />
          <Button type="submit" size="md" disabled={!stored}>
            Continue to sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** The code in two lines of whole groups ("ABCD-EFGH-" / "IJKL-MNOP"), so it never breaks inside a group. */
function codeLines(code: string): string[] {
  const groups = code.split('-');
  if (groups.length < 4) return [code];
  const half = Math.ceil(groups.length / 2);
  return [`${groups.slice(0, half).join('-')}-`, groups.slice(half).join('-')];
}
