import { Button, Group, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconHistory, IconShieldCheck } from '@tabler/icons-react';
import { useId } from 'react';
import type { Alert } from '../../../src-main/contract/hotlists';
import { LocalTime } from '../common/time';
import { PlateText, SourceBadges } from '../common/hotlist-badges';
import { AlertStatusBadge, STATUS_LABELS } from './labels';

const dash = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '—' : value);

/** One alert: the read beside the entry it matched, its status and newest verification, and what can be done with it. */
export function AlertCard({
  alert,
  onVerify,
  onOpen,
}: {
  alert: Alert;
  /** offered when the person may record verifications */
  onVerify?: () => void;
  /** opens the details and history (not offered inside them) */
  onOpen?: () => void;
}) {
  const headingId = useId();
  const { read, entry, verification } = alert;
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-labelledby={headingId}
      className="cu-alert"
      data-alert={alert.id}
      data-status={alert.status}
    >
      <Group justify="space-between" align="center" mb="sm" wrap="wrap" gap="sm">
        <Group gap="sm" align="center">
          <Title order={3} size="h4" id={headingId}>
            Alert #{alert.id}: <span className="cu-plate">{read.plate}</span>
          </Title>
          <AlertStatusBadge status={alert.status} />
          <Text size="sm" className="cu-muted">
            raised <LocalTime iso={alert.raisedAt} />{' '}
            {alert.raisedBy === 'import' ? 'when the read was imported' : 'when the hot-list entry was added'}
          </Text>
        </Group>
        <Group gap="xs">
          {onOpen && (
            <Button variant="default" size="compact-md" leftSection={<IconHistory size={16} aria-hidden />} onClick={onOpen}>
              Details and history<VisuallyHidden> of alert #{alert.id}</VisuallyHidden>
            </Button>
          )}
          {onVerify && (
            <Button size="compact-md" leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={onVerify}>
              {verification ? 'Verify again' : 'Verify'}
              <VisuallyHidden> alert #{alert.id}</VisuallyHidden>
            </Button>
          )}
        </Group>
      </Group>
      <div className="cu-alert-grid">
        <section aria-label="The read" className="cu-alert-side">
          <Text fw={700} size="sm" className="cu-alert-side-title">
            The read
          </Text>
          <dl className="cu-facts">
            <dt>Plate</dt>
            <dd>
              <span className="cu-plate">{read.plate}</span>
            </dd>
            <dt>State</dt>
            <dd>{dash(read.state)}</dd>
            <dt>Time</dt>
            <dd>
              <LocalTime iso={read.capturedAt} />
            </dd>
            <dt>Camera</dt>
            <dd>{dash(read.camera)}</dd>
            <dt>Confidence</dt>
            <dd>{read.confidence === null ? '—' : `${Math.round(read.confidence * 100)}%`}</dd>
          </dl>
        </section>
        <section aria-label="The hot-list entry" className="cu-alert-side">
          <Text fw={700} size="sm" className="cu-alert-side-title">
            The hot-list entry
          </Text>
          <dl className="cu-facts">
            <dt>List</dt>
            <dd>
              <span className="cu-badges">
                {entry.list} <SourceBadges source={alert.listSource} />
              </span>
            </dd>
            <dt>Plate</dt>
            <dd>
              <PlateText plate={entry.plate} partial={entry.partial} />
              {entry.state ? ` (${entry.state})` : ''}
            </dd>
            <dt>Reason</dt>
            <dd>{dash(entry.reason)}</dd>
            <dt>Case</dt>
            <dd>{dash(entry.caseNumber)}</dd>
            {entry.alertLevel && (
              <>
                <dt>Alert level</dt>
                <dd>{entry.alertLevel}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <Text size="sm" mt="sm" data-testid="alert-verification">
        {verification ? (
          <>
            <strong>{STATUS_LABELS[verification.result]}</strong> through {verification.source} by {verification.verifiedBy}, checked{' '}
            <LocalTime iso={verification.checkedAt} /> (verification #{verification.id}).
          </>
        ) : (
          <span className="cu-problem">Not verified yet: not grounds for enforcement action.</span>
        )}
      </Text>
    </Paper>
  );
}
