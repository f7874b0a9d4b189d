import { Button, Drawer, Group, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { Alert, HotlistEntry, Verification } from '../../../src-main/contract/hotlists';
import { useGate } from '../../app/gate';
import { Badge } from '../common/badge';
import { ErrorAlert } from '../common/error-alert';
import { PlateText, SourceBadges } from '../common/hotlist-badges';
import { ReadFields, ReadImages } from '../common/read-detail';
import { LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { AlertStatusBadge, RESULT_MEANINGS } from './labels';
import { ALERT_STATUS_PHRASES } from '../../../src-main/contract/phrases';

interface AlertDrawerProps {
  alertId: number | null;
  /** changes when the page records a verification, so the alert and its history are read again */
  version: number;
  onClose(): void;
  /** offered when the person may record verifications */
  onVerify?: (alert: Alert) => void;
}

/**
 * One alert in full: the read (`search.read`: its images, decrypted in memory, and its fields)
 * beside the hot-list entry it matched, and every verification (`alert.get`), newest first.
 * One that a later verification replaced is marked "superseded by #N"; none is edited.
 */
export function AlertDrawer({ alertId, version, onClose, onVerify }: AlertDrawerProps) {
  return (
    <Drawer
      opened={alertId !== null}
      onClose={onClose}
      position="right"
      size="min(72rem, 100%)"
      title={alertId ? `Alert #${alertId}` : 'Alert'}
      closeButtonProps={{ 'aria-label': 'Close the alert' }}
    >
      {alertId !== null && <AlertDetail key={alertId} alertId={alertId} version={version} onVerify={onVerify} />}
    </Drawer>
  );
}

function AlertDetail({ alertId, version, onVerify }: { alertId: number; version: number; onVerify?: (alert: Alert) => void }) {
  const gate = useGate();
  const detail = useGateData(() => gate.call('alert.get', { alertId }), [gate, alertId, version]);
  if (detail.data === null) {
    return detail.loading ? (
      <Loader aria-label="Loading the alert" />
    ) : (
      <ErrorAlert error={detail.error} title="Could not open the alert" />
    );
  }
  const { alert, verifications } = detail.data;
  return (
    <Stack gap="lg">
      <ErrorAlert error={detail.error} title="Could not read the alert again" />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <span className="cu-badges">
            <AlertStatusBadge status={alert.status} />
            <Text size="sm" className="cu-muted" component="span">
              raised <LocalTime iso={alert.raisedAt} />{' '}
              {alert.raisedBy === 'import' ? 'when the read was imported' : 'when the hot-list entry was added'}
            </Text>
          </span>
          <Text size="sm" data-testid="alert-verification">
            {alert.verification ? (
              <>
                <strong>{ALERT_STATUS_PHRASES[alert.verification.result]}</strong> through {alert.verification.source} by{' '}
                {alert.verification.verifiedBy}, checked <LocalTime iso={alert.verification.checkedAt} /> (verification #
                {alert.verification.id}).
              </>
            ) : (
              <span className="cu-problem">Not verified yet: not grounds for enforcement action.</span>
            )}
          </Text>
        </Stack>
        {onVerify && (
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => onVerify(alert)}>
            {alert.verification ? 'Verify again' : 'Verify'}
            <VisuallyHidden> alert #{alert.id}</VisuallyHidden>
          </Button>
        )}
      </Group>

      <div className="cu-alert-sides">
        <section aria-labelledby="cu-alert-read" className="cu-alert-side">
          <Title order={3} size="h4" id="cu-alert-read" mb="xs">
            The read
          </Title>
          <TheRead readId={alert.read.id} />
        </section>
        <section aria-labelledby="cu-alert-entry" className="cu-alert-side">
          <Title order={3} size="h4" id="cu-alert-entry" mb="xs">
            The hot-list entry
          </Title>
          <EntryFields entry={alert.entry} source={alert.listSource} />
        </section>
      </div>

      <History verifications={verifications} />
    </Stack>
  );
}

/** The read with its images, opened as Search opens one (logged as an opening of the read). */
function TheRead({ readId }: { readId: number }) {
  const gate = useGate();
  const opened = useGateData(() => gate.call('search.read', { readId }), [gate, readId]);
  if (!opened.data)
    return opened.error ? <ErrorAlert error={opened.error} title="Could not open the read" /> : <Loader aria-label="Opening the read" />;
  return (
    <Stack gap="md">
      <ReadImages detail={opened.data} order={4} />
      <ReadFields detail={opened.data} heading="What was read" order={4} />
    </Stack>
  );
}

const dash = (value: string | null) => value || '—';

const ENTRY_STATUS: Record<HotlistEntry['status'], string> = {
  active: 'In force',
  'not-yet-effective': 'Not yet in force',
  expired: 'Expired',
  retired: 'Taken off the list',
};

function EntryFields({ entry, source }: { entry: HotlistEntry; source: Alert['listSource'] }) {
  return (
    <dl className="cu-entry-fields">
      <dt>List</dt>
      <dd>
        <span className="cu-badges">
          {entry.list} <SourceBadges source={source} />
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
      <dt>Alert level</dt>
      <dd>{dash(entry.alertLevel)}</dd>
      <dt>In force</dt>
      <dd>
        {entry.effective ?? 'from the start'} to {entry.expires ?? 'no end date'} ({ENTRY_STATUS[entry.status].toLowerCase()})
      </dd>
      {entry.note && (
        <>
          <dt>Note</dt>
          <dd className="cu-verification-note">{entry.note}</dd>
        </>
      )}
      <dt>Added by</dt>
      <dd>
        {entry.addedBy}, <LocalTime iso={entry.addedAt} />
        {entry.line !== null ? ` (line ${entry.line} of the list's file)` : ''}
      </dd>
    </dl>
  );
}

function History({ verifications }: { verifications: Verification[] }) {
  const supersededBy = new Map<number, number>();
  for (const v of verifications) if (v.supersedes !== null) supersededBy.set(v.supersedes, v.id);
  return (
    <section aria-labelledby="cu-verifications-heading">
      <Title order={3} size="h4" id="cu-verifications-heading" mb="xs">
        Verifications, newest first
      </Title>
      {verifications.length === 0 ? (
        <Text className="cu-problem">
          None yet. Until one confirms it, this alert is not grounds for enforcement action (policy 427.4(f)).
        </Text>
      ) : (
        <ol className="cu-verifications" aria-label="Verifications, newest first">
          {verifications.map((v) => (
            <VerificationItem key={v.id} verification={v} supersededBy={supersededBy.get(v.id) ?? null} />
          ))}
        </ol>
      )}
    </section>
  );
}

function VerificationItem({ verification: v, supersededBy }: { verification: Verification; supersededBy: number | null }) {
  return (
    <li className={supersededBy === null ? 'cu-verification' : 'cu-verification cu-verification--superseded'} data-verification={v.id}>
      <Stack gap={4}>
        <span className="cu-badges">
          <Text fw={700} component="span">
            #{v.id} {ALERT_STATUS_PHRASES[v.result]}
          </Text>
          <Text component="span">through {v.source}</Text>
          {supersededBy === null ? <Badge tone="ok">Current</Badge> : <Badge>Superseded by #{supersededBy}</Badge>}
        </span>
        <Text size="sm" className="cu-muted">
          {RESULT_MEANINGS[v.result]}
        </Text>
        <Text size="sm">
          Checked <LocalTime iso={v.checkedAt} /> by {v.verifiedBy}; recorded <LocalTime iso={v.recordedAt} />
          {v.supersedes !== null ? `; supersedes #${v.supersedes}` : ''}.
        </Text>
        <Text size="sm" className="cu-verification-note">
          {v.note}
        </Text>
      </Stack>
    </li>
  );
}
