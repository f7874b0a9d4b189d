import { Drawer, Loader, Stack, Text } from '@mantine/core';
import type { SearchHit } from '../../../src-main/contract/search';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { Provenance, ReadFields, ReadImages } from '../common/read-detail';
import { useGateData } from '../common/use-gate-data';

interface ReadDrawerProps {
  hit: SearchHit | null;
  /** the case and purpose of the search the read was found by */
  access: AccessReason;
  onClose(): void;
}

/** One read opened (`search.read`, logged under the search's case): its full images, decrypted in memory, and where it came from. */
export function ReadDrawer({ hit, access, onClose }: ReadDrawerProps) {
  return (
    <Drawer
      opened={hit !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={hit ? `Plate read ${hit.plate}` : 'Plate read'}
      closeButtonProps={{ 'aria-label': 'Close the read' }}
    >
      {hit && <ReadDetails key={hit.id} readId={hit.id} access={access} />}
    </Drawer>
  );
}

function ReadDetails({ readId, access }: { readId: number; access: AccessReason }) {
  const gate = useGate(access);
  const opened = useGateData(() => gate.call('search.read', { readId }), [gate, readId]);
  const detail = opened.data;
  if (!detail)
    return opened.error ? <ErrorAlert error={opened.error} title="Could not open this read" /> : <Loader aria-label="Opening the read" />;
  return (
    <Stack gap="lg">
      <Text size="sm" className="cu-muted">
        Opened for case {access.caseNumber}: {access.purpose}. The images are decrypted in memory for this screen only; the access log
        records the opening.
      </Text>
      <ReadImages detail={detail} />
      <ReadFields detail={detail} />
      <Provenance detail={detail} />
    </Stack>
  );
}
