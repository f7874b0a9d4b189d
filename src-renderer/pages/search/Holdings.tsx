import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { useState } from 'react';
import { useGate, type Opened } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatCount } from '../common/format';
import { LocalTime } from '../common/time';
import { useAction } from '../common/use-action';

type OpenedHoldings = Opened<'alpr.holdings'>;

/**
 * "What this workstation holds": how many reads, and the oldest and newest capture. Opening
 * it is an access to ALPR data, so it needs current training, a case number and a purpose,
 * and it is logged.
 */
export function HoldingsSection() {
  const gate = useGate();
  const [opened, setOpened] = useState<OpenedHoldings | null>(null);
  const action = useAction();

  const show = () =>
    action.run(async () => {
      setOpened(null);
      setOpened(await gate.open('alpr.holdings', {}));
    });

  return (
    <section aria-labelledby="holdings-heading">
      <Stack gap="sm">
        <Title order={2} id="holdings-heading" fz="h3">
          What this workstation holds
        </Title>
        <Group gap="md" align="center" wrap="wrap">
          <Button variant="default" leftSection={<IconDatabase size={18} aria-hidden />} onClick={() => void show()} loading={action.busy}>
            Show what this workstation holds
          </Button>
          <Text size="sm" className="cu-muted cu-holdings-note">
            How many plate reads are in the encrypted store, and the oldest and newest capture times. This too opens ALPR data: it is logged
            with your case and purpose (policy 427.6).
          </Text>
        </Group>
        <ErrorAlert error={action.error} title="Not opened" />
        {opened && <HoldingsCard opened={opened} />}
      </Stack>
    </section>
  );
}

function HoldingsCard({ opened: { result: holdings, access } }: { opened: OpenedHoldings }) {
  return (
    <Card withBorder radius="md" padding="md" aria-label="Holdings" role="region" className="holdings">
      <Stack gap="xs">
        <dl className="facts">
          <dt>Plate reads held</dt>
          <dd data-testid="holdings-reads">{formatCount(holdings.reads)}</dd>
          <dt>Oldest capture</dt>
          <dd>{holdings.oldestCapture ? <LocalTime iso={holdings.oldestCapture} /> : 'none'}</dd>
          <dt>Newest capture</dt>
          <dd>{holdings.newestCapture ? <LocalTime iso={holdings.newestCapture} /> : 'none'}</dd>
        </dl>
        {holdings.reads === 0 && <Text>No plate reads are held yet: they arrive with the imports.</Text>}
        <Text size="sm" c="dimmed">
          Opened for case {access.caseNumber}: {access.purpose}
        </Text>
      </Stack>
    </Card>
  );
}
