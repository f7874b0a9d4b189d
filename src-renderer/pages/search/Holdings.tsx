import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { useState } from 'react';
import type { OpOutput } from '../../../src-main/contract/operations';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { ACCESS_CANCELLED, useAccess } from '../../app/access';
import { useClient } from '../../app/client-context';
import { GateError } from '../../client/gate-error';
import { ErrorAlert } from '../common/error-alert';
import { formatCount } from '../common/format';
import { formatLocalTime } from '../common/time';

type Holdings = OpOutput<'alpr.holdings'>;

/**
 * "What this workstation holds": how many reads, and the oldest and newest capture. Opening
 * it is an access to ALPR data, so it needs current training, a case number and a purpose,
 * and it is logged.
 */
export function HoldingsSection() {
  const client = useClient();
  const { withAccess } = useAccess();
  const [result, setResult] = useState<{ holdings: Holdings; access: AccessReason } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const show = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await withAccess(async (access) => ({ holdings: await client.call('alpr.holdings', {}, access), access })));
    } catch (failure) {
      if (!(failure instanceof GateError && failure.code === ACCESS_CANCELLED)) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="holdings-heading">
      <Stack gap="sm">
        <Title order={2} id="holdings-heading" fz="h3">
          What this workstation holds
        </Title>
        <Group gap="md" align="center" wrap="wrap">
          <Button variant="default" leftSection={<IconDatabase size={18} aria-hidden />} onClick={() => void show()} loading={busy}>
            Show what this workstation holds
          </Button>
          <Text size="sm" className="cu-muted cu-holdings-note">
            How many plate reads are in the encrypted store, and the oldest and newest capture times. This too opens ALPR data: it is logged
            with your case and purpose (policy 427.6).
          </Text>
        </Group>
        <ErrorAlert error={error} title="Not opened" />
        {result && <HoldingsCard holdings={result.holdings} access={result.access} />}
      </Stack>
    </section>
  );
}

function HoldingsCard({ holdings, access }: { holdings: Holdings; access: AccessReason }) {
  return (
    <Card withBorder radius="md" padding="md" aria-label="Holdings" role="region" className="holdings">
      <Stack gap="xs">
        <dl className="facts">
          <dt>Plate reads held</dt>
          <dd data-testid="holdings-reads">{formatCount(holdings.reads)}</dd>
          <dt>Oldest capture</dt>
          <dd>{holdings.oldestCapture ? formatLocalTime(holdings.oldestCapture) : 'none'}</dd>
          <dt>Newest capture</dt>
          <dd>{holdings.newestCapture ? formatLocalTime(holdings.newestCapture) : 'none'}</dd>
        </dl>
        {holdings.reads === 0 && <Text>No plate reads are held yet: they arrive with the imports.</Text>}
        <Text size="sm" c="dimmed">
          Opened for case {access.caseNumber}: {access.purpose}
        </Text>
      </Stack>
    </Card>
  );
}
