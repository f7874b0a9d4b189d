import { Alert as Notice, Button, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ALERT_STATUSES, type Alert, type AlertSort } from '../../../src-main/contract/hotlists';
import { accessWasCancelled } from '../../app/access';
import { useGate } from '../../app/gate';
import { replaceRouteQuery, useRouteQuery } from '../../app/route';
import { ErrorAlert } from '../common/error-alert';
import { splitGateError } from '../common/field-errors';
import { plural } from '../common/format';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { TimeZoneNote } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { WorkingOn } from '../common/WorkingOn';
import { AlertDrawer } from './AlertDrawer';
import { AlertFilters } from './AlertFilters';
import { AlertTable } from './AlertTable';
import { EMPTY_FORM, FILTER_ROUTES, FIRST_ORDER, queryFromView, toAlertFilter, viewFromQuery, type QueueView } from './filters';
import { ALERT_STATUS_PHRASES } from '../../../src-main/contract/phrases';
import { useAlertPages } from './use-alert-pages';
import { VerifyDialog } from './VerifyDialog';
import '../common/pages.css';
import './alerts.css';

const STATUS_CHOICES: { value: QueueView['status']; label: string }[] = [
  ...ALERT_STATUSES.map((status) => ({ value: status, label: ALERT_STATUS_PHRASES[status] })),
  { value: 'all', label: 'All' },
];

/** The plain warning that stays at the top of the page (policy 427.4(f)). */
function NotGroundsBanner() {
  return (
    <Notice color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} className="cu-alert-banner">
      An unverified alert is <strong>not grounds for enforcement action</strong>: an alert is a lead, not a confirmation. Verify it through
      NCIC or the appropriate official database first, and record the verification here (policy 427.4(f)).
    </Notice>
  );
}

/** Alerts (policy 427.4(f)): reads that matched a hot list, to be verified through an official database before anyone acts on them. */
export function AlertsPage() {
  const { may } = usePermissions();
  const heading = (
    <div>
      <Title order={1}>Alerts</Title>
      <Text className="cu-muted">Plate reads that matched a hot-list entry, to verify before anyone acts on them.</Text>
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
  const route = useRouteQuery();
  const [view, setView] = useState<QueueView>(() => viewFromQuery(new URLSearchParams(route.query)));
  // A link to this page with another query (the home screen's tiles) shows what it asks for.
  useEffect(() => setView(viewFromQuery(new URLSearchParams(route.query))), [route]);
  // The address says what is shown, so a reload or a copied link shows it again.
  useEffect(() => replaceRouteQuery(queryFromView(view)), [view]);

  const filter = useMemo(() => toAlertFilter(view), [view]);
  const pages = useAlertPages(filter);
  const lists = useGateData(() => gate.call('hotlist.list', {}), [gate]);
  const [verifying, setVerifying] = useState<Alert | null>(null);
  const [openedId, setOpenedId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  /** alerts verified here since the queue was read: they keep their place with their new status until the next read */
  const [verified, setVerified] = useState<ReadonlyMap<number, Alert>>(new Map());

  const change = (next: Partial<QueueView>) => {
    setVerified(new Map());
    setView((current) => ({ ...current, ...next }));
  };
  const refresh = () => {
    setVerified(new Map());
    pages.refresh();
  };
  const sortBy = (sort: AlertSort) =>
    change({ sort, order: sort === view.sort ? (view.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort] });

  const gateError = splitGateError(pages.error, FILTER_ROUTES);
  const filtered = JSON.stringify(view.form) !== JSON.stringify(EMPTY_FORM);
  // An alert verified here no longer counts under a status it has left.
  const left = view.status === 'all' ? 0 : [...verified.values()].filter((a) => a.status !== view.status).length;
  const counted = pages.total === null ? null : Math.max(0, pages.total - left);

  return (
    <Stack className="cu-page cu-alerts" gap="md">
      {heading}
      <NotGroundsBanner />
      <WorkingOn onChanged={refresh} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />

      <Group justify="space-between" align="end" gap="sm">
        <div>
          <Text id="cu-alert-filter-label" fw={500} size="sm" mb={4}>
            Show
          </Text>
          <SegmentedControl
            aria-labelledby="cu-alert-filter-label"
            data={STATUS_CHOICES}
            value={view.status}
            onChange={(value) => change({ status: value as QueueView['status'] })}
          />
        </div>
        <Group gap="sm">
          <Text fw={600} aria-live="polite">
            <span data-testid="alerts-total">
              {counted === null
                ? pages.loading
                  ? 'Reading the alerts…'
                  : ''
                : `${plural(counted, 'alert')}${view.status === 'all' ? '' : ` ${ALERT_STATUS_PHRASES[view.status].toLowerCase()}`}`}
            </span>
            {counted !== null && filtered && <span className="cu-muted"> matching the filters</span>}
          </Text>
          <Button size="compact-sm" variant="subtle" leftSection={<IconRefresh size={14} aria-hidden />} onClick={refresh}>
            Refresh
          </Button>
        </Group>
      </Group>

      <AlertFilters
        applied={view.form}
        onApply={(form) => (JSON.stringify(form) === JSON.stringify(view.form) ? refresh() : change({ form }))}
        lists={(lists.data ?? []).map((l) => l.name)}
        gateErrors={gateError.fields}
      />

      {pages.withheld > 0 && (
        <Notice color="gray" icon={<IconLock aria-hidden />} title="Confidential alerts withheld" data-testid="withheld">
          {plural(pages.withheld, 'alert')} from NCIC or state lists {pages.withheld === 1 ? 'is' : 'are'} not shown: you are not authorised
          for confidential data (policy 427.4(e)). The commander can grant the authorisation, on People &amp; training.
        </Notice>
      )}

      {accessWasCancelled(pages.error) ? (
        <Notice color="gray" title="Nothing shown">
          Alerts are ALPR data: they open only with a case number and a purpose. Press “Give case and purpose” above.
        </Notice>
      ) : (
        <ErrorAlert error={gateError.rest} title="Could not read the alerts" />
      )}

      {pages.total === null ? (
        pages.loading && <Loader aria-label="Loading the alerts" />
      ) : pages.total === 0 ? (
        <Text>
          {filtered
            ? 'No alert matches these filters.'
            : view.status === 'unverified'
              ? 'No alert is waiting to be verified.'
              : 'No alerts to show.'}
        </Text>
      ) : (
        <AlertTable
          key={JSON.stringify(filter)}
          pages={pages}
          total={pages.total}
          sort={view.sort}
          order={view.order}
          onSort={sortBy}
          onOpen={(alert) => setOpenedId(alert.id)}
          onVerify={mayVerify ? setVerifying : undefined}
        />
      )}

      <VerifyDialog
        alert={verifying}
        onClose={() => setVerifying(null)}
        onVerified={(alert, verification) => {
          setVerifying(null);
          setVerified((current) => new Map(current).set(alert.id, alert));
          pages.replace(alert);
          setVersion((v) => v + 1);
          setNotice(
            `Alert #${alert.id} is now ${ALERT_STATUS_PHRASES[alert.status].toLowerCase()}: verification #${verification.id} through ${verification.source} was recorded` +
              (verification.supersedes !== null ? `, superseding #${verification.supersedes}.` : '.'),
          );
        }}
      />
      <AlertDrawer alertId={openedId} version={version} onClose={() => setOpenedId(null)} onVerify={mayVerify ? setVerifying : undefined} />
    </Stack>
  );
}
