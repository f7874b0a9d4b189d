import { Group, Progress, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { formatBytes } from './format';

/** A file on its way into the encrypted staging area (`client.upload`): bytes sent of its size, as a bar. */
export function SendingProgress({ sent, size }: { sent: number; size: number }) {
  const id = useId();
  const percent = size > 0 ? Math.floor((sent / size) * 100) : 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" id={id}>
          Sending the file into the encrypted staging area
        </Text>
        <Text size="sm" className="cu-muted" aria-live="polite">
          {formatBytes(sent)} of {formatBytes(size)} ({percent}%)
        </Text>
      </Group>
      {/* the name and value go on the section, which is the progressbar (the root is a plain box) */}
      <Progress.Root size="lg">
        <Progress.Section value={percent} aria-labelledby={id} aria-valuetext={`${percent}%`} />
      </Progress.Root>
    </Stack>
  );
}
