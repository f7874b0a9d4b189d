import { Button, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconArrowBarToDown, IconArrowBarToUp, IconRefresh } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuditOrder } from '../../../src-main/contract/schemas';
import { ErrorAlert } from '../common/error-alert';
import { splitGateError } from '../common/field-errors';
import { plural } from '../common/format';
import { formatLocalTime } from '../common/time';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { EntryDrawer } from './EntryDrawer';
import { ExportButton, ExportStatus } from './ExportCsv';
import { EMPTY_FORM, FILTER_ROUTES, toAuditFilter, type FilterField, type FilterForm } from './filters';
import { LogFilters } from './LogFilters';
import { LogTable, type LogTableHandle } from './LogTable';
import { useLogPages, type LogQuery } from './use-log-pages';
import { useExportCsv } from './use-export-csv';
import { useVerifyChain } from './use-verify-chain';
import { VerifyButtons, VerifyStatus } from './VerifyChain';
import '../common/pages.css';
import './access-log.css';

/** The access log (policy 427.6(a)): read, filter, verify and export it. */
export function AccessLogPage() {
  const { may } = usePermissions();
  const heading = (
    <div>
      <Title order={1}>Access log</Title>
      <Text className="cu-muted">Every sign-in, refusal and access, kept in a tamper-evident chain (policy 427.6(a)).</Text>
    </div>
  );
  if (!may('audit.read')) {
    return <NotAvailable heading={heading} permission="audit.read" doing="read the access log" />;
  }
  return <AccessLog heading={heading} />;
}

function AccessLog({ heading }: { heading: ReactNode }) {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [order, setOrder] = useState<AuditOrder>('newest-first');
  const filter = useMemo(() => toAuditFilter(form), [form]);
  const query = useMemo<LogQuery>(() => ({ ...filter, order }), [filter, order]);
  const filtered = Object.keys(filter).length > 0;
  const pages = useLogPages(query);
  const chain = useVerifyChain();
  const exporter = useExportCsv(query);
  const [opened, setOpened] = useState<number | null>(null);
  const table = useRef<LogTableHandle | null>(null);
  const setHandle = useCallback((handle: LogTableHandle) => (table.current = handle), []);

  const gate = splitGateError<FilterField>(pages.error, FILTER_ROUTES);
  const entry = opened === null ? null : (pages.entryAt(opened) ?? null);

  return (
    <Stack className="cu-page cu-access-log">
      {heading}
      <Text size="xs" className="cu-muted">
        Reading the log is itself logged: every page of entries loaded here, every verification and every export adds an entry under your
        name.
      </Text>

      <LogFilters
        applied={form}
        onApply={(next) => {
          // Applying the same filters again reads the log again (a new count).
          if (JSON.stringify(toAuditFilter(next)) === JSON.stringify(filter)) pages.refresh();
          else setForm(next);
        }}
        gateErrors={gate.fields}
      />

      <div>
        <Group justify="space-between" gap="sm">
          <VerifyButtons chain={chain} />
          <ExportButton exporter={exporter} filtered={filtered} />
        </Group>
        <VerifyStatus chain={chain} />
        <ExportStatus exporter={exporter} />
      </div>

      <Group justify="space-between" gap="sm" className="cu-log-count">
        <Group gap="sm">
          <Text fw={600} aria-live="polite" data-testid="log-total">
            {pages.total === null
              ? 'Counting entries…'
              : `${plural(pages.total, 'entry', 'entries')}${filtered ? ' match the filters' : ''}`}
          </Text>
          {pages.asOf && (
            <Text size="sm" className="cu-muted">
              as of {formatLocalTime(pages.asOf)}
            </Text>
          )}
          <Button size="compact-sm" variant="subtle" leftSection={<IconRefresh size={14} aria-hidden />} onClick={pages.refresh}>
            Refresh
          </Button>
        </Group>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label="Order of the entries"
            data={[
              { value: 'newest-first', label: 'Newest first' },
              { value: 'oldest-first', label: 'Oldest first' },
            ]}
            value={order}
            onChange={(value) => setOrder(value as AuditOrder)}
          />
          {pages.total !== null && pages.total > 0 && (
            <JumpButtons order={order} onJump={(end) => table.current?.scrollTo(end === 'top' ? 0 : (pages.total ?? 1) - 1)} />
          )}
        </Group>
      </Group>

      <ErrorAlert error={gate.rest} title="Could not read the access log" />
      {pages.total === null ? (
        pages.loading && <Loader aria-label="Loading the access log" />
      ) : pages.total === 0 ? (
        <Text>No entries {filtered ? 'match these filters' : 'yet'}.</Text>
      ) : (
        <LogTable key={JSON.stringify(query)} pages={pages} total={pages.total} onOpen={setOpened} handleRef={setHandle} />
      )}

      <EntryDrawer entry={entry} onClose={() => setOpened(null)} />
    </Stack>
  );
}

/** Jump to the newest or the oldest entry, whichever end of the list it is at in this order. */
function JumpButtons({ order, onJump }: { order: AuditOrder; onJump(end: 'top' | 'bottom'): void }) {
  const ends = order === 'newest-first' ? (['Newest', 'Oldest'] as const) : (['Oldest', 'Newest'] as const);
  return (
    <>
      <Button size="compact-sm" variant="default" leftSection={<IconArrowBarToUp size={14} aria-hidden />} onClick={() => onJump('top')}>
        {ends[0]}
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconArrowBarToDown size={14} aria-hidden />}
        onClick={() => onJump('bottom')}
      >
        {ends[1]}
      </Button>
    </>
  );
}
