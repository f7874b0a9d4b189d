import { Alert as Notice, Button, Group, Loader, Pagination, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ALERT_STATUSES, type Alert, type AlertStatus } from '../../../src-main/contract/hotlists';
import { accessWasCancelled } from '../../app/access';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatCount, plural } from '../common/format';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { TimeZoneNote } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { WorkingOn } from '../common/WorkingOn';
import { AlertCard } from './AlertCard';
import { AlertDrawer } from './AlertDrawer';
import { STATUS_LABELS } from './labels';
import { VerifyDialog } from './VerifyDialog';
import '../common/pages.css';
import './alerts.css';

/** Alerts per `alert.list` call; each page read is one access-log entry. */
const ALERTS_PAGE = 25;

type Filter = AlertStatus | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  ...ALERT_STATUSES.map((status) => ({ value: status as Filter, label: STATUS_LABELS[status] })),
  { value: 'all', label: 'All' },
];

/** The plain warning that stays at the top of the page (policy 427.4(f)). */
function NotGroundsBanner() {
  return (
    <Notice
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="An alert is a lead, not a confirmation"
      className="cu-alert-banner"
    >
      An unverified alert is <strong>not grounds for enforcement action</strong>. Verify it through NCIC or the appropriate official
      database first, and record the verification here (policy 427.4(f)).
    </Notice>
  );
}

/** Alerts (policy 427.4(f)): reads that matched a hot list, to be verified through an official database before anyone acts on them. */
export function AlertsPage() {
  const { may } = usePermissions();
  const heading = (
    <div>
      <Title order={1}>Alerts</Title>
      <Text className="cu-muted">Plate reads that matched a hot-list entry, each beside the entry it matched, with its verifications.</Text>
      <TimeZoneNote />
    </div>
  );
  if (!may('alpr.read')) {
    return <NotAvailable heading={heading} permission="alpr.read" doing="read alerts" />;
  }
  return <Alerts heading={heading} mayVerify={may('alerts.verify')} />;
}

function Alerts({ heading, mayVerify }: { heading: ReactNode; mayVerify: boolean }) {
  const gate = useGate();
  const [filter, setFilter] = useState<Filter>('unverified');
  const [page, setPage] = useState(1);
  const [verifying, setVerifying] = useState<Alert | null>(null);
  const [openedId, setOpenedId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  /** alerts verified here since the page was read: shown with their new status until the next read */
  const [updated, setUpdated] = useState<ReadonlyMap<number, Alert>>(new Map());

  const list = useGateData(
    () =>
      gate.call('alert.list', { ...(filter === 'all' ? {} : { status: filter }), offset: (page - 1) * ALERTS_PAGE, limit: ALERTS_PAGE }),
    [gate, filter, page],
  );
  const reload = () => {
    setUpdated(new Map());
    void list.reload();
  };
  // An alert verified here keeps its place on the page (with its new status) until the next
  // read, but no longer counts under a status filter it has left. The paging keeps to the list
  // as read, so the pages do not shift under the person.
  const total = list.data?.total ?? 0;
  const left = filter === 'all' ? 0 : [...updated.values()].filter((a) => a.status !== filter).length;
  const stillInFilter = Math.max(0, total - left);
  const pages = Math.max(1, Math.ceil(total / ALERTS_PAGE));
  const withheld = list.data?.withheldConfidential ?? 0;
  const shown = (list.data?.alerts ?? []).map((a) => updated.get(a.id) ?? a);

  return (
    <Stack className="cu-page cu-alerts" gap="md">
      {heading}
      <NotGroundsBanner />
      <WorkingOn onChanged={reload} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />

      <Group justify="space-between" align="end" gap="sm">
        <div>
          <Text id="cu-alert-filter-label" fw={500} size="sm" mb={4}>
            Show
          </Text>
          <SegmentedControl
            aria-labelledby="cu-alert-filter-label"
            data={FILTERS}
            value={filter}
            onChange={(value) => {
              setFilter(value as Filter);
              setPage(1);
              setUpdated(new Map());
            }}
          />
        </div>
        <Group gap="sm">
          <Text fw={600} aria-live="polite" data-testid="alerts-total">
            {list.data === null
              ? list.loading
                ? 'Reading the alerts…'
                : ''
              : `${plural(stillInFilter, 'alert')}${filter === 'all' ? '' : ` ${STATUS_LABELS[filter].toLowerCase()}`}`}
          </Text>
          <Button size="compact-sm" variant="subtle" leftSection={<IconRefresh size={14} aria-hidden />} onClick={reload}>
            Refresh
          </Button>
        </Group>
      </Group>

      {withheld > 0 && (
        <Notice color="gray" icon={<IconLock aria-hidden />} title="Confidential alerts withheld" data-testid="withheld">
          {plural(withheld, 'alert')} from NCIC or state lists {withheld === 1 ? 'is' : 'are'} not shown: you are not authorised for
          confidential data (policy 427.4(e)). The commander can grant the authorisation.
        </Notice>
      )}

      {accessWasCancelled(list.error) ? (
        <Notice color="gray" title="Nothing shown">
          Alerts are ALPR data: they open only with a case number and a purpose. Press “Give case and purpose” above.
        </Notice>
      ) : (
        <ErrorAlert error={list.error} title="Could not read the alerts" />
      )}

      {list.data === null ? (
        list.loading && <Loader aria-label="Loading the alerts" />
      ) : shown.length === 0 ? (
        <Text>{filter === 'unverified' ? 'No alert is waiting to be verified.' : 'No alerts to show.'}</Text>
      ) : (
        <>
          {pages > 1 && (
            <Text size="sm">
              Alerts {formatCount((page - 1) * ALERTS_PAGE + 1)}–{formatCount((page - 1) * ALERTS_PAGE + shown.length)} of{' '}
              {formatCount(total)}, newest first
            </Text>
          )}
          <ul className="cu-alert-list" aria-label="Alerts">
            {shown.map((alert) => (
              <li key={alert.id}>
                <AlertCard
                  alert={alert}
                  onOpen={() => setOpenedId(alert.id)}
                  onVerify={mayVerify ? () => setVerifying(alert) : undefined}
                />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(next) => {
                setPage(next);
                setUpdated(new Map());
              }}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
              getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
            />
          )}
        </>
      )}

      <VerifyDialog
        alert={verifying}
        onClose={() => setVerifying(null)}
        onVerified={(alert, verification) => {
          setVerifying(null);
          setUpdated((current) => new Map(current).set(alert.id, alert));
          setVersion((v) => v + 1);
          setNotice(
            `Alert #${alert.id} is now ${STATUS_LABELS[alert.status].toLowerCase()}: verification #${verification.id} through ${verification.source} was recorded` +
              (verification.supersedes !== null ? `, superseding #${verification.supersedes}.` : '.'),
          );
        }}
      />
      <AlertDrawer alertId={openedId} version={version} onClose={() => setOpenedId(null)} />
    </Stack>
  );
}
