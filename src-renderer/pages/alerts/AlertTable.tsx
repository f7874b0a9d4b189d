import { Button, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector, IconShieldCheck } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import type { Alert, AlertSort } from '../../../src-main/contract/hotlists';
import { PlateText, SourceBadge } from '../common/hotlist-badges';
import { formatLocalTime } from '../common/time';
import { SpacerRow, useVirtualRows } from '../common/use-virtual-rows';
import { AlertStatusBadge } from './labels';
import { ALERT_STATUS_PHRASES } from '../../../src-main/contract/phrases';
import type { AlertPages } from './use-alert-pages';

/** Every row is exactly this tall (alerts.css holds it), so 10,000 alerts cost no measuring. */
const ROW_HEIGHT = 40;

interface Column {
  label: string;
  className: string;
  /** the key this column sorts by, if it sorts */
  sort?: AlertSort;
  /** shown to screen readers only */
  hiddenLabel?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Status', className: 'cu-alerts-col-status', sort: 'status' },
  { label: 'Plate read', className: 'cu-alerts-col-plate', sort: 'plate' },
  { label: 'Read (local)', className: 'cu-alerts-col-time', sort: 'read' },
  { label: 'Camera', className: 'cu-alerts-col-camera', sort: 'camera' },
  { label: 'List and entry', className: 'cu-alerts-col-entry', sort: 'list' },
  { label: 'Raised (local)', className: 'cu-alerts-col-time', sort: 'raised' },
  { label: 'Verify', className: 'cu-alerts-col-action', hiddenLabel: true },
];

interface AlertTableProps {
  pages: AlertPages;
  total: number;
  sort: AlertSort;
  order: 'asc' | 'desc';
  onSort(sort: AlertSort): void;
  onOpen(alert: Alert): void;
  /** offered when the person may record verifications */
  onVerify?: (alert: Alert) => void;
}

/**
 * The alert queue as a real table (headers, row and column counts for screen readers) whose
 * body holds only the rows in view. Column headers sort (again: the other way). Keyboard:
 * Up/Down, Page Up/Down, Home/End move between rows; Enter opens an alert; Tab from a row
 * reaches its Verify button.
 */
export function AlertTable({ pages, total, sort, order, onSort, onOpen, onVerify }: AlertTableProps) {
  const { scroller, keys, items, tabStop, paddingTop, paddingBottom } = useVirtualRows(total, {
    row: ROW_HEIGHT,
    overscan: 10,
    onRange: pages.show,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (event.target !== event.currentTarget) return;
    if (keys.move(event, index)) return;
    const alert = pages.alertAt(index);
    if ((event.key === 'Enter' || event.key === ' ') && alert) {
      event.preventDefault();
      keys.setActive(index);
      onOpen(alert);
    }
  };

  return (
    <div ref={scroller} className="cu-vtable-scroll cu-alerts-scroll">
      <table className="cu-vtable cu-alerts-table" aria-label="Alerts" aria-rowcount={total + 1} aria-colcount={COLUMNS.length}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={c.className}
                aria-sort={c.sort && c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.hiddenLabel ? (
                  <VisuallyHidden>{c.label}</VisuallyHidden>
                ) : c.sort ? (
                  <SortButton label={c.label} active={c.sort === sort} order={order} onClick={() => onSort(c.sort!)} />
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={paddingTop} columns={COLUMNS.length} />
          {items.map((item) => (
            <AlertRow
              key={item.index}
              index={item.index}
              alert={pages.alertAt(item.index)}
              tabStop={item.index === tabStop}
              onOpen={(alert) => {
                keys.setActive(item.index);
                onOpen(alert);
              }}
              onVerify={onVerify}
              onKeyDown={onKeyDown}
            />
          ))}
          <SpacerRow height={paddingBottom} columns={COLUMNS.length} />
        </tbody>
      </table>
    </div>
  );
}

function SortButton({ label, active, order, onClick }: { label: string; active: boolean; order: 'asc' | 'desc'; onClick(): void }) {
  const Icon = !active ? IconSelector : order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton className="cu-sort" onClick={onClick}>
      {label}
      <Icon size={14} aria-hidden className={active ? undefined : 'cu-sort-idle'} />
      <VisuallyHidden>
        {active ? `, sorted ${order === 'asc' ? 'ascending' : 'descending'}; sort the other way` : ', sort by this'}
      </VisuallyHidden>
    </UnstyledButton>
  );
}

interface AlertRowProps {
  index: number;
  alert: Alert | undefined;
  /** the one row Tab reaches (roving tab stop); its Verify button is reachable too */
  tabStop: boolean;
  onOpen(alert: Alert): void;
  onVerify?: (alert: Alert) => void;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number): void;
}

const dash = (value: string | null) => value || '—';

/** One alert: click or Enter opens it in the drawer; the Verify button opens the verify dialog. */
function AlertRow({ index, alert, tabStop, onOpen, onVerify, onKeyDown }: AlertRowProps) {
  const common = {
    'data-index': index,
    'aria-rowindex': index + 2,
    tabIndex: tabStop ? 0 : -1,
    className: 'cu-vtable-row cu-alerts-row cu-focusable',
    onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => onKeyDown(event, index),
  };
  if (!alert) {
    return (
      <tr {...common} aria-busy="true">
        <td colSpan={COLUMNS.length} className="cu-muted">
          Loading alert {index + 1}…
        </td>
      </tr>
    );
  }
  const { read, entry } = alert;
  const plate = `${read.plate}${read.state ? ` ${read.state}` : ''}`;
  const entryText = `${entry.list}: ${entry.plate}${entry.partial ? ' (partial)' : ''}${entry.reason ? `, ${entry.reason}` : ''}`;
  const readAt = formatLocalTime(read.capturedAt);
  return (
    <tr
      {...common}
      data-alert={alert.id}
      data-status={alert.status}
      aria-label={`Alert #${alert.id}: ${read.plate}${read.state ? ` (${read.state})` : ''} on ${entry.list}, ${ALERT_STATUS_PHRASES[alert.status].toLowerCase()}. Enter opens it`}
      onClick={() => onOpen(alert)}
    >
      <td>
        <AlertStatusBadge status={alert.status} />
      </td>
      <td title={plate}>
        <span className="cu-plate">{read.plate}</span>
        {read.state && <span className="cu-muted"> {read.state}</span>}
      </td>
      <td title={`${read.capturedAt} (UTC)`}>{readAt}</td>
      <td title={read.camera ?? undefined}>{dash(read.camera)}</td>
      <td title={entryText}>
        <span className="cu-alerts-entry">
          <SourceBadge source={alert.listSource} />
          <span className="cu-alerts-list-name">{entry.list}</span>
          {entry.partial && <PlateText plate={entry.plate} partial />}
          {entry.reason && <span className="cu-alerts-reason">{entry.reason}</span>}
        </span>
      </td>
      <td title={`${alert.raisedAt} (UTC)`}>{formatLocalTime(alert.raisedAt)}</td>
      <td className="cu-alerts-action" onClick={(event) => event.stopPropagation()}>
        {onVerify && (
          <Button
            size="compact-sm"
            variant={alert.verification ? 'default' : 'filled'}
            leftSection={<IconShieldCheck size={14} aria-hidden />}
            tabIndex={tabStop ? 0 : -1}
            onClick={() => onVerify(alert)}
          >
            {alert.verification ? 'Verify again' : 'Verify'}
            <VisuallyHidden> alert #{alert.id}</VisuallyHidden>
          </Button>
        )}
      </td>
    </tr>
  );
}
