import { Drawer, Loader, Stack, Text, Title } from '@mantine/core';
import type { Verification } from '../../../src-main/contract/hotlists';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { Badge } from '../common/badge';
import { LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { AlertCard } from './AlertCard';
import { RESULT_MEANINGS, STATUS_LABELS } from './labels';

/**
 * One alert in full (`alert.get`): the read and the entry, and every verification, newest
 * first. One that a later verification replaced is marked "superseded by #N"; none is edited.
 * `version` changes when the page records a verification, so the history is read again.
 */
export function AlertDrawer({ alertId, version, onClose }: { alertId: number | null; version: number; onClose(): void }) {
  return (
    <Drawer opened={alertId !== null} onClose={onClose} position="right" size="xl" title={alertId ? `Alert #${alertId}` : 'Alert'}>
      {alertId !== null && <AlertDetail alertId={alertId} version={version} />}
    </Drawer>
  );
}

function AlertDetail({ alertId, version }: { alertId: number; version: number }) {
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
  const supersededBy = new Map<number, number>();
  for (const v of verifications) if (v.supersedes !== null) supersededBy.set(v.supersedes, v.id);
  return (
    <Stack gap="md">
      <ErrorAlert error={detail.error} title="Could not read the alert again" />
      <AlertCard alert={alert} />
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
    </Stack>
  );
}

function VerificationItem({ verification: v, supersededBy }: { verification: Verification; supersededBy: number | null }) {
  return (
    <li className={supersededBy === null ? 'cu-verification' : 'cu-verification cu-verification--superseded'} data-verification={v.id}>
      <Stack gap={4}>
        <span className="cu-badges">
          <Text fw={700} component="span">
            #{v.id} {STATUS_LABELS[v.result]}
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
