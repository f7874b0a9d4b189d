import { Button, CopyButton, Group } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A SHA-256 in full, with a button that copies it (for the evidence form). */
export function HashCopy({ hash }: { hash: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <span className="cu-hash" data-testid="summary-sha256">
        {hash}
      </span>
      <CopyButton value={hash}>
        {({ copied, copy }) => (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={copy}
            aria-label={copied ? 'Copied' : 'Copy the SHA-256'}
            leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
