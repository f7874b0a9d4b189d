import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useId } from 'react';
import type { JobProgress as Progressing } from '../../../src-main/contract/transport';
import { formatBytes } from './format';

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

/** 75 → "1 min 15 s"; 8 → "8 s" */
function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * "1,200 of 5,000 entries (24%)", or "1,200 entries so far" when the size is not known (with
 * how far through the file, when the job reads one). `detail` is the rest: bytes, rate, time left.
 */
function describeProgress(progress: Progressing | null): { text: string; percent: number | null; detail: string | null } {
  if (progress === null) return { text: 'Starting…', percent: null, detail: null };
  const { done, total, unit, bytes, ratePerSecond, etaSeconds } = progress;
  const parts: string[] = [];
  if (bytes)
    parts.push(bytes.total === null ? `${formatBytes(bytes.done)} read` : `${formatBytes(bytes.done)} of ${formatBytes(bytes.total)}`);
  if (ratePerSecond !== undefined && ratePerSecond > 0) parts.push(`${count.format(Math.round(ratePerSecond))} ${unit} a second`);
  if (etaSeconds !== undefined && etaSeconds !== null) parts.push(`about ${formatDuration(etaSeconds)} left`);
  const detail = parts.length > 0 ? parts.join(' · ') : null;
  if (total === null || total <= 0) {
    const filePercent = bytes && bytes.total ? Math.min(100, Math.floor((bytes.done / bytes.total) * 100)) : null;
    if (total === 0) return { text: `Nothing to do (0 ${unit})`, percent: 100, detail };
    return {
      text: `${count.format(done)} ${unit} so far${filePercent === null ? '' : ` (${filePercent}% of the file)`}`,
      percent: filePercent,
      detail,
    };
  }
  const percent = Math.min(100, Math.floor((done / total) * 100));
  return { text: `${count.format(done)} of ${count.format(total)} ${unit} (${percent}%)`, percent, detail };
}

/**
 * A long job as it runs: a real progress bar (done of total, in its unit, and the
 * percentage), and a Cancel button. When the total is not known the bar moves without
 * claiming a percentage.
 */
export function JobProgress({ label, progress, onCancel, cancelling = false }: JobProgressProps) {
  const labelId = useId();
  const { text, percent, detail } = describeProgress(progress);
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
      <Group justify={detail || progress?.phase ? 'space-between' : 'flex-end'} align="center" wrap="nowrap">
        {(detail || progress?.phase) && (
          <Text size="sm" className="cu-job-detail">
            {[progress?.phase, detail].filter(Boolean).join(' · ')}
          </Text>
        )}
        <Button variant="default" leftSection={<IconPlayerStop size={16} aria-hidden />} onClick={onCancel} loading={cancelling}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
