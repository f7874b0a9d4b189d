import { Code, Drawer, Stack, Text, Title } from '@mantine/core';
import type { AuditEntry } from '../../../src-main/contract/schemas';
import { formatLocalTime } from '../common/time';
import { OutcomeBadge } from './LogRow';

/** One access-log entry in full, with the objects it touched as pretty-printed JSON. Escape closes it. */
export function EntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose(): void }) {
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="lg" title={entry ? `Entry #${entry.seq}` : 'Entry'}>
      {entry && (
        <Stack gap="md">
          <dl className="cu-entry-fields">
            <dt>Time</dt>
            <dd>
              {formatLocalTime(entry.at)}
              <br />
              <span className="cu-muted cu-mono">{entry.at}</span>
            </dd>
            <dt>Person</dt>
            <dd>{entry.username ? `${entry.fullName ?? ''} (${entry.username})`.trim() : '—'}</dd>
            <dt>Role used</dt>
            <dd>{entry.role ?? '—'}</dd>
            <dt>Operation</dt>
            <dd className="cu-mono">{entry.operation}</dd>
            <dt>Outcome</dt>
            <dd>
              <OutcomeBadge outcome={entry.outcome} />
            </dd>
            <dt>Reason</dt>
            <dd>{entry.reason ?? '—'}</dd>
            <dt>Case number</dt>
            <dd>{entry.caseNumber ?? '—'}</dd>
            <dt>Purpose</dt>
            <dd>{entry.purpose ?? '—'}</dd>
            <dt>Workstation</dt>
            <dd>{entry.workstation}</dd>
          </dl>
          <div>
            <Title order={3} size="h5" id="cu-entry-objects">
              Objects
            </Title>
            <Text size="sm" className="cu-muted" mb={4}>
              What the operation was given and what it touched, as recorded in the log.
            </Text>
            <Code block aria-labelledby="cu-entry-objects" className="cu-entry-objects">
              {JSON.stringify(entry.objects, null, 2)}
            </Code>
          </div>
        </Stack>
      )}
    </Drawer>
  );
}
