import { List, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';

/** The length the password policy asks for (core/auth/passwords.ts has the final word). */
const MIN_PASSWORD_LENGTH = 12;

/**
 * The password rules, with the two that can be seen from here ticked as the person types.
 * The gate has the final word (it also refuses commonly used passwords) and its message is
 * shown next to the password field.
 */
export function PasswordRules({ id, password, username }: { id: string; password: string; username: string }) {
  const longEnough = password.length >= MIN_PASSWORD_LENGTH;
  const notUsername = password.length > 0 && password.trim().toLowerCase() !== username.trim().toLowerCase();
  const mark = (met: boolean) =>
    met ? (
      <IconCircleCheck size={18} role="img" aria-label="met" className="rule-met" />
    ) : (
      <IconCircleDashed size={18} role="img" aria-label="not yet met" />
    );
  return (
    <div id={id}>
      <Text size="sm" fw={600}>
        The password must:
      </Text>
      <List size="sm" spacing={2} center>
        <List.Item icon={mark(longEnough)}>have at least {MIN_PASSWORD_LENGTH} characters (a short sentence works well)</List.Item>
        <List.Item icon={mark(notUsername)}>not be the username</List.Item>
        <List.Item icon={<IconCircleDashed size={18} role="img" aria-label="checked when you continue" />}>
          not be a commonly used password (checked when you continue)
        </List.Item>
      </List>
    </div>
  );
}

/** The confirmation field's message, or null when it matches. */
export function confirmationError(password: string, confirmation: string): string | null {
  return confirmation === password ? null : 'The two passwords are not the same.';
}
