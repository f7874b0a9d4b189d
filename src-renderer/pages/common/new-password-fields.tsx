import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { confirmationError, PasswordRules } from './password-rules';

export interface NewPasswordFieldsProps {
  /** prefix for the ids that tie the rules to the field */
  id: string;
  labels: { password: string; confirmation: string };
  password: string;
  confirmation: string;
  onPassword(value: string): void;
  onConfirmation(value: string): void;
  /** whose password it is: the rules tick "not the username" against it */
  username: string;
  /** the gate's word on the password (too short, commonly used, unchanged), shown under it */
  passwordError: string | null;
  /** the two entries differ (see `confirmationError`), shown under the second */
  mismatch: string | null;
}

/**
 * The state of a new password typed twice: `confirmed()` says whether the two match,
 * and sets the message shown under the second when they do not; it goes when either changes.
 */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const confirmed = (): boolean => {
    const notSame = confirmationError(password, confirmation);
    setMismatch(notSame);
    return notSame === null;
  };
  const onPassword = (value: string) => {
    setPassword(value);
    setMismatch(null);
  };
  const onConfirmation = (value: string) => {
    setConfirmation(value);
    setMismatch(null);
  };
  return { password, confirmation, mismatch, onPassword, onConfirmation, confirmed };
}

/** A new password typed twice, with the rules between: set-up, recovery and change password. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const rulesId = `${props.id}-password-rules`;
  return (
    <>
      <PasswordInput
        label={props.labels.password}
        value={props.password}
        onChange={(e) => props.onPassword(e.currentTarget.value)}
        error={props.passwordError}
        // Mantine's PasswordInput does not mark its input invalid itself.
        aria-invalid={props.passwordError ? true : undefined}
        autoComplete="new-password"
        aria-describedby={rulesId}
        required
      />
      <PasswordRules id={rulesId} password={props.password} username={props.username} />
      <PasswordInput
        label={props.labels.confirmation}
        value={props.confirmation}
        onChange={(e) => props.onConfirmation(e.currentTarget.value)}
        error={props.mismatch}
        aria-invalid={props.mismatch ? true : undefined}
        autoComplete="new-password"
        required
      />
    </>
  );
}
