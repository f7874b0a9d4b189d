import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useState } from 'react';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatCount, plural } from '../common/format';
import { JobProgress } from '../common/job-progress';
import { roleList, usePermissions } from '../common/permissions';
import { formatUtcTime, LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { SuccessNotice } from '../common/success-notice';
import { CertificateButton } from './CertificateButton';
import { PlanTables } from './PlanTables';
import { RetentionSettingsForm } from './RetentionSettingsForm';
import { useCancellableJob } from '../common/use-cancellable-job';
import '../common/pages.css';

/**
 * Retention (Policy 427.5): reads are kept for the period from their capture, then destroyed
 * unless a hold keeps them. The preview shows exactly what the next purge destroys; the run
 * shows its progress and can be cancelled (the next run finishes it); each run's certificate
 * can be saved.
 */
export function RetentionPage() {
  const gate = useGate();
  const { may, rolesFor } = usePermissions();
  const plan = useGateData(() => gate.call('purge.preview', {}), [gate]);
  const runs = useGateData(() => gate.call('purge.list', {}), [gate]);
  const purge = useCancellableJob('purge.run', () => {
    void plan.reload();
    void runs.reload();
  });
  const p = plan.data;
  const [notice, setNotice] = useState<string | null>(null);
  const [settingsVersion, setSettingsVersion] = useState(0);
  const settings = useGateData(() => gate.call('settings.get', {}), [gate, settingsVersion], may('settings.manage'));

  return (
    <Stack className="cu-page">
      <div>
        <Title order={1}>Retention</Title>
        <Text className="cu-muted">
          Stored ALPR data is kept for the retention period from its capture time, then destroyed, unless a hold keeps it for a case (Policy
          427.5). Times here are UTC, as the purge counts them.
        </Text>
      </div>
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {settings.data && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            Retention settings
          </Title>
          <RetentionSettingsForm
            key={settingsVersion}
            settings={settings.data}
            onSaved={(message) => {
              setNotice(message);
              setSettingsVersion((v) => v + 1);
              void plan.reload();
            }}
          />
        </Paper>
      )}
      <ErrorAlert error={plan.error} title="Could not preview the next purge" />
      {!p ? (
        !plan.error && <Loader aria-label="Loading the preview of the next purge" />
      ) : (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              The next purge
            </Title>
            {p.asOfIsDrill && (
              <Alert color="yellow" title="Drill">
                Purges count back from {formatUtcTime(p.asOf)}, a time set in Settings for a drill, not from the clock.
              </Alert>
            )}
            <Text>
              Retention period <strong>{plural(p.retentionDays, 'day')}</strong>: reads captured before{' '}
              <strong>{formatUtcTime(p.cutOff)}</strong> and not held are destroyed. Vendor audit rows are kept{' '}
              {plural(p.vendorAuditRetentionDays, 'day')}.
            </Text>
            <Text data-testid="purge-preview-summary">
              It will destroy {plural(p.reads, 'read')} with {plural(p.images, 'image')}, and{' '}
              {plural(p.vendorAuditRows, 'vendor audit row')}.
            </Text>
            <PlanTables plan={p} />
            {may('retention.run') ? (
              <Group>
                <Button
                  color="red.9"
                  leftSection={<IconFlame size={18} aria-hidden />}
                  disabled={purge.running}
                  onClick={() => void purge.start({})}
                >
                  Run the purge now
                </Button>
              </Group>
            ) : (
              <Text size="sm">Only {roleList(rolesFor('retention.run'))} may run the purge.</Text>
            )}
            {purge.running && (
              <JobProgress
                label="Purging data past its retention period"
                progress={purge.progress}
                onCancel={() => void purge.cancel()}
                cancelling={purge.cancelling}
              />
            )}
            {purge.outcome?.kind === 'finished' && (
              <Alert color="green" title={`Purge run ${purge.outcome.result.id} finished`} data-testid="purge-finished">
                Destroyed {plural(purge.outcome.result.destroyed?.reads ?? 0, 'read')} and{' '}
                {plural(purge.outcome.result.destroyed?.images ?? 0, 'image')}. Its certificate is listed below.
              </Alert>
            )}
            {purge.outcome?.kind === 'cancelled' && (
              <Alert color="yellow" title="Purge cancelled">
                Every read is either whole or gone; the next run finishes what this one planned.
              </Alert>
            )}
            {purge.outcome?.kind === 'error' && <ErrorAlert error={purge.outcome.error} title="The purge did not finish" />}
          </Stack>
        </Paper>
      )}
      <Title order={2} size="h4">
        Purge runs
      </Title>
      <ErrorAlert error={runs.error} title="Could not list the purge runs" />
      {runs.data && runs.data.length === 0 && <Text>No purge has run yet.</Text>}
      {runs.data && runs.data.length > 0 && (
        <Table withTableBorder verticalSpacing="xs" fz="sm" aria-label="Purge runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Run</Table.Th>
              <Table.Th scope="col">Started</Table.Th>
              <Table.Th scope="col">Run by</Table.Th>
              <Table.Th scope="col">As of (UTC)</Table.Th>
              <Table.Th scope="col" ta="right">
                Reads destroyed
              </Table.Th>
              <Table.Th scope="col">Certificate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>{run.id}</Table.Td>
                <Table.Td>
                  <LocalTime iso={run.startedAt} />
                </Table.Td>
                <Table.Td>{run.ranBy ?? 'On schedule'}</Table.Td>
                <Table.Td>
                  {formatUtcTime(run.asOf)}
                  {run.asOfIsDrill ? ' (drill)' : ''}
                </Table.Td>
                <Table.Td ta="right">{run.destroyed ? formatCount(run.destroyed.reads) : 'Not finished'}</Table.Td>
                <Table.Td>
                  {run.status === 'finished' ? (
                    <Stack gap={4} align="flex-start">
                      <CertificateButton runId={run.id} />
                      <Text size="xs" className="cu-muted">
                        {run.signedBy ? `Signed by ${run.signedBy.commonName}` : 'Not signed (no signing certificate then)'}
                      </Text>
                    </Stack>
                  ) : (
                    'Run the purge again to finish it.'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
