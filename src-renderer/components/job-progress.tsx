import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useId } from 'react';
import type { JobProgress as Progressing } from '../../src-main/contract/transport';

export interface JobProgressProps {
  /** what is running, e.g. "Verifying the access log" */
  label: string;
  /** the latest progress event; null before the first one arrives */
  progress: Progressing | null;
  onCancel(): void;
  /** set while the cancel request is on its way, so it is not pressed twice */
  cancelling?: boolean;
}

const count = new Intl.NumberFormat('en-US');

/** "1,200 of 5,000 entries (24%)", or "1,200 entries so far" when the size is not known. */
export function describeProgress(progress: Progressing | null): { text: string; percent: number | null } {
  if (progress === null) return { text: 'Starting…', percent: null };
  const { done, total, unit } = progress;
  if (total === null || total <= 0) {
    return { text: total === 0 ? `Nothing to do (0 ${unit})` : `${count.format(done)} ${unit} so far`, percent: total === 0 ? 100 : null };
  }
  const percent = Math.min(100, Math.floor((done / total) * 100));
  return { text: `${count.format(done)} of ${count.format(total)} ${unit} (${percent}%)`, percent };
}

/**
 * A long job as it runs: a real progress bar (done of total, in its unit, and the
 * percentage), and a Cancel button. When the total is not known the bar moves without
 * claiming a percentage.
 */
export function JobProgress({ label, progress, onCancel, cancelling = false }: JobProgressProps) {
  const labelId = useId();
  const { text, percent } = describeProgress(progress);
  return (
    <Stack gap="xs" role="group" aria-labelledby={labelId}>
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Text id={labelId} fw={600}>
          {label}
        </Text>
        <Text size="sm" c="dimmed" aria-live="polite">
          {text}
        </Text>
      </Group>
      <Progress.Root size="lg" aria-labelledby={labelId}>
        {percent === null ? (
          <Progress.Section value={100} striped animated aria-label={`${label}: ${text}`} withAria={false} role="progressbar" />
        ) : (
          <Progress.Section value={percent} aria-label={label} aria-valuetext={text} />
        )}
      </Progress.Root>
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconPlayerStop size={16} aria-hidden />} onClick={onCancel} loading={cancelling}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
