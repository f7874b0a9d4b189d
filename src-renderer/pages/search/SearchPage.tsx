import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { useState } from 'react';
import type { AccessReason } from '../../../src-main/contract/schemas';
import type { OpOutput } from '../../../src-main/contract/operations';
import { useAccess, ACCESS_CANCELLED } from '../../app/access';
import { useClient } from '../../app/client-context';
import { GateError } from '../../client/gate-error';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../app/format';

type Holdings = OpOutput<'alpr.holdings'>;

const count = new Intl.NumberFormat('en-US');

/**
 * Search. For now only "what this workstation holds": opening it is an access to ALPR
 * data, so it needs current training, a case number and a purpose, and it is logged.
 */
export function SearchPage() {
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
      const answer = await withAccess(async (access) => ({ holdings: await client.call('alpr.holdings', {}, access), access }));
      setResult(answer);
    } catch (failure) {
      if (!(failure instanceof GateError && failure.code === ACCESS_CANCELLED)) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg" className="page">
      <Title order={1}>Search</Title>
      <section aria-labelledby="holdings-heading">
        <Stack gap="md">
          <Title order={2} id="holdings-heading" fz="h3">
            What this workstation holds
          </Title>
          <Text>
            How many plate reads are in the encrypted store, and the oldest and newest capture times. This opens ALPR data: it needs current
            training, a case number and a purpose, and the access log records it with your name and the time (policy 427.6).
          </Text>
          <Group>
            <Button leftSection={<IconDatabase size={18} aria-hidden />} onClick={() => void show()} loading={busy}>
              Show what this workstation holds
            </Button>
          </Group>
          <ErrorAlert error={error} title="Not opened" />
          {result && <HoldingsCard holdings={result.holdings} access={result.access} />}
        </Stack>
      </section>
      <section aria-labelledby="plate-search-heading">
        <Stack gap="xs">
          <Title order={2} id="plate-search-heading" fz="h3">
            Plate search
          </Title>
          <Text>Searching by full or partial plate arrives with the imports, once plate reads can be brought into this workstation.</Text>
        </Stack>
      </section>
    </Stack>
  );
}

function HoldingsCard({ holdings, access }: { holdings: Holdings; access: AccessReason }) {
  return (
    <Card withBorder radius="md" padding="lg" aria-label="Holdings" role="region" className="holdings">
      <Stack gap="sm">
        <dl className="facts">
          <dt>Plate reads held</dt>
          <dd data-testid="holdings-reads">{count.format(holdings.reads)}</dd>
          <dt>Oldest capture</dt>
          <dd>{holdings.oldestCapture ? formatDateTime(holdings.oldestCapture) : 'none'}</dd>
          <dt>Newest capture</dt>
          <dd>{holdings.newestCapture ? formatDateTime(holdings.newestCapture) : 'none'}</dd>
        </dl>
        {holdings.reads === 0 && <Text>No plate reads are held yet: they arrive with the imports.</Text>}
        <Text size="sm" c="dimmed">
          Opened for case {access.caseNumber}: {access.purpose}
        </Text>
      </Stack>
    </Card>
  );
}
