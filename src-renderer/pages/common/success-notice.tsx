import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';

/**
 * A short confirmation that something was done, announced politely to screen readers.
 * It stays until the next action replaces it or the person closes it.
 */
export function SuccessNotice({ message, onClose }: { message: string | null; onClose(): void }) {
  return (
    <div role="status" aria-live="polite">
      {message !== null && (
        <Alert
          color="green"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss this notice"
          onClose={onClose}
          className="cu-success-notice"
        >
          {message}
        </Alert>
      )}
    </div>
  );
}
