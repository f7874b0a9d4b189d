import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileDownload, IconLockAccess } from '@tabler/icons-react';
import { useState } from 'react';
import type { SearchPlan } from '../../../src-main/contract/search';
import { HoldForm } from '../cases/HoldForm';
import { ErrorAlert } from '../common/error-alert';
import { DownloadStatus } from '../common/DownloadStatus';
import { plural } from '../common/format';
import { usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { localDay } from '../common/time';
import { useDownload } from '../common/use-download';
import { ReadDrawer } from './ReadDrawer';
import { ResultsTable } from './ResultsTable';
import type { SearchRun } from './use-search';
import { useThumbnails } from './use-thumbnails';

/** How the search found its candidates, in words. */
const PLAN_WORDS: Record<SearchPlan, string> = {
  exact: 'the plate index, for this exact plate',
  trigram: 'the index of three-character pieces of every plate',
  prefix: 'the plate index, by the characters the pattern starts with',
  'time-window': 'the capture-time index, then each plate in the window checked',
  scan: 'every read held, one by one (no index fits this pattern)',
};

/** A file name that says which case the export was for. */
function exportName(caseNumber: string): string {
  const safe = caseNumber.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 40);
  return `custodian-plate-reads-case-${safe}-${localDay()}.csv`;
}

/**
 * One search's results: what it looked for, the table, the selection and its export, and
 * the opened read. Everything here runs under the search's own case and purpose.
 */
export function SearchResults({ run }: { run: SearchRun }) {
  const { result, access, query } = run;
  const hits = result.hits;
  const fuzzy = query.fuzzy === true;
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [opened, setOpened] = useState<number | null>(null);
  const [holding, setHolding] = useState(false);
  const [held, setHeld] = useState<string | null>(null);
  const { may } = usePermissions();
  const thumbnails = useThumbnails(hits, access);
  const exporter = useDownload('search.export', access);

  const toggle = (readId: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(readId)) next.add(readId);
      return next;
    });
  const toggleAll = () => setSelected((current) => (current.size === hits.length ? new Set() : new Set(hits.map((h) => h.id))));
  const exportSelected = () =>
    void exporter.start({ readIds: hits.filter((h) => selected.has(h.id)).map((h) => h.id) }, exportName(access.caseNumber));

  return (
    <section aria-labelledby="cu-results-heading" className="cu-results">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Title order={2} id="cu-results-heading" fz="h3">
            Results
          </Title>
          <Text size="sm" className="cu-muted">
            Searched for case <strong>{access.caseNumber}</strong>: {access.purpose}
          </Text>
        </Group>
        <div aria-live="polite">
          <Text fw={600} data-testid="search-described">
            {result.described}
          </Text>
          <Text size="sm" data-testid="search-count">
            {hits.length === 0 ? 'No read matched.' : `${plural(hits.length, 'read')} shown`}
            {fuzzy && hits.length > 0 ? ', closest first' : ''}. Found through {PLAN_WORDS[result.plan]}.
          </Text>
        </div>
        {result.truncated && (
          <Alert
            role="status"
            color="yellow"
            icon={<IconAlertTriangle aria-hidden />}
            title="More reads matched than shown"
            data-testid="truncated"
          >
            Only the first {plural(hits.length, 'read')} are shown: narrow the search (a longer pattern, a time window, a camera or a
            state).
          </Alert>
        )}
        {hits.length > 0 && (
          <>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm" aria-live="polite" data-testid="selection-count">
                {selected.size === 0 ? 'No read selected' : `${plural(selected.size, 'read')} selected`}
                <span className="cu-muted"> · ↑↓ move, Enter opens a read, Space selects it</span>
              </Text>
              <Button
                variant="default"
                leftSection={<IconFileDownload size={18} aria-hidden />}
                disabled={selected.size === 0}
                loading={exporter.busy}
                onClick={exportSelected}
              >
                Export selected to CSV
              </Button>
              {may('cases.manage') && (
                <Button
                  variant="default"
                  leftSection={<IconLockAccess size={18} aria-hidden />}
                  disabled={selected.size === 0}
                  onClick={() => setHolding(true)}
                >
                  Hold selected reads
                </Button>
              )}
            </Group>
            <SuccessNotice message={held} onClose={() => setHeld(null)} />
            <Modal opened={holding} onClose={() => setHolding(false)} title={`Hold ${plural(selected.size, 'selected read')} for a case`}>
              <HoldForm
                caseNumber={access.caseNumber}
                readIds={[...selected]}
                onPlaced={(hold) => {
                  setHolding(false);
                  setHeld(
                    `Hold ${hold.id} placed on case ${hold.caseNumber}: ${plural(hold.reads, 'read')} kept past the retention period, review on ${hold.reviewOn}.`,
                  );
                }}
              />
            </Modal>
            <DownloadStatus download={exporter} label="Exporting the selected reads" written={(s) => plural(s.rows, 'read')} />
            <ErrorAlert error={thumbnails.error} title="Thumbnails could not be shown" />
            <ResultsTable
              key={run.id}
              hits={hits}
              fuzzy={fuzzy}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onOpen={setOpened}
              thumbnails={thumbnails}
            />
          </>
        )}
      </Stack>
      <ReadDrawer hit={opened === null ? null : (hits[opened] ?? null)} access={access} onClose={() => setOpened(null)} />
    </section>
  );
}
