import { Code, Drawer, Stack, Switch, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { actionPhrase } from '../../../src-main/contract/phrases';
import type { AuditEntry } from '../../../src-main/contract/schemas';
import { formatLocalTime, formatUtcTime, localZone } from '../common/time';
import { entrySections, roleText, type EntryField, type EntrySection } from './entry-fields';
import { OutcomeBadge } from './LogRow';

/**
 * One access-log entry in full: who, when (local time and UTC), what and how it ended, then
 * what it was given and touched as labelled fields, with the entry's raw JSON behind a
 * toggle. Escape closes it.
 */
export function EntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose(): void }) {
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="lg" title={entry ? `Entry #${entry.seq}` : 'Entry'}>
      {entry && <EntryDetails key={entry.seq} entry={entry} />}
    </Drawer>
  );
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const [raw, setRaw] = useState(false);
  const rawId = useId();
  return (
    <Stack gap="md" className="cu-entry-details">
      <dl className="cu-entry-fields">
        <dt>Time</dt>
        <dd>
          {formatLocalTime(entry.at)} <span className="cu-muted">({localZone()})</span>
        </dd>
        <dt>Time in UTC</dt>
        <dd>{formatUtcTime(entry.at)}</dd>
        <dt>Person</dt>
        <dd>{entry.username ? `${entry.fullName ?? ''} (${entry.username})`.trim() : '—'}</dd>
        <dt>Role used</dt>
        <dd>{entry.role ? roleText(entry.role) : '—'}</dd>
        <dt>Action</dt>
        <dd>
          {actionPhrase(entry.operation)} <span className="cu-muted cu-mono">{entry.operation}</span>
        </dd>
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
      {entrySections(entry.objects).map((section) => (
        <FieldSection key={section.title} section={section} />
      ))}
      <div>
        <Switch
          label="Show the raw entry (JSON)"
          checked={raw}
          onChange={(event) => setRaw(event.currentTarget.checked)}
          aria-controls={rawId}
          mb="xs"
        />
        <div id={rawId}>
          {raw && (
            <>
              <Text size="sm" className="cu-muted" mb={4}>
                What the operation was given and what it touched, exactly as the log holds it.
              </Text>
              {/* A region a keyboard can reach and scroll: the JSON may be longer than the drawer. */}
              <div role="region" aria-label={`Entry #${entry.seq} as recorded, in JSON`} tabIndex={0} className="cu-entry-objects">
                <Code block>{JSON.stringify(entry.objects, null, 2)}</Code>
              </div>
            </>
          )}
        </div>
      </div>
    </Stack>
  );
}

function FieldSection({ section }: { section: EntrySection }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb={4}>
        {section.title}
      </Title>
      <dl className="cu-entry-fields" data-testid="entry-section">
        {section.fields.map((field) => (
          <Field key={field.key} field={field} />
        ))}
      </dl>
    </section>
  );
}

function Field({ field }: { field: EntryField }) {
  return (
    <>
      <dt>{field.label}</dt>
      <dd>
        {field.time ? (
          <>
            {formatLocalTime(field.time)} <span className="cu-muted">({formatUtcTime(field.time)})</span>
          </>
        ) : (
          field.value
        )}
      </dd>
    </>
  );
}
