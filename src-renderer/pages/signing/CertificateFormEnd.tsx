import { Button, Checkbox, Group } from '@mantine/core';
import type { SigningCertificateInfo } from '../../../src-main/contract/signing';
import { ErrorAlert } from '../common/error-alert';

/**
 * The end of both certificate forms: the consent a new certificate needs to take the place of
 * the one in use (none when no certificate is in use), what went wrong, and the buttons.
 */
export function CertificateFormEnd({
  replacing,
  replace,
  onReplace,
  replaceError,
  error,
  busy,
  submit,
  onCancel,
}: {
  replacing: SigningCertificateInfo | null;
  replace: boolean;
  onReplace(replace: boolean): void;
  replaceError: string | undefined;
  error: unknown;
  busy: boolean;
  /** the submit button's words */
  submit: string;
  onCancel(): void;
}) {
  return (
    <>
      {replacing && (
        <Checkbox
          label={`Replace "${replacing.commonName}". It is kept, retired: what it signed is made again with it.`}
          checked={replace}
          onChange={(e) => onReplace(e.currentTarget.checked)}
          error={replaceError}
        />
      )}
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={busy}>
          {submit}
        </Button>
      </Group>
    </>
  );
}
