import type { KeyboardEvent } from 'react';
import type { AuditEntry } from '../../../src-main/contract/schemas';
import { Badge, type BadgeTone } from '../common/badge';
import { formatLocalTime } from '../common/time';

export const COLUMN_COUNT = 10;

const OUTCOME_TONE: Record<AuditEntry['outcome'], BadgeTone> = { ok: 'ok', denied: 'bad', error: 'warn' };

export function OutcomeBadge({ outcome }: { outcome: AuditEntry['outcome'] }) {
  return <Badge tone={OUTCOME_TONE[outcome]}>{outcome}</Badge>;
}

interface LogRowProps {
  index: number;
  entry: AuditEntry | undefined;
  /** the one row Tab reaches (roving tab stop) */
  tabStop: boolean;
  onOpen(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number): void;
}

const text = (value: string | null) => value ?? '—';

/** One entry of the access log: a focusable row; click or Enter opens its details. */
export function LogRow({ index, entry, tabStop, onOpen, onKeyDown }: LogRowProps) {
  const common = {
    'data-index': index,
    'aria-rowindex': index + 2,
    tabIndex: tabStop ? 0 : -1,
    className: 'cu-vtable-row cu-log-row cu-focusable',
    onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => onKeyDown(event, index),
  };
  if (!entry) {
    return (
      <tr {...common} aria-busy="true">
        <td colSpan={COLUMN_COUNT} className="cu-muted">
          Loading entry {index + 1}…
        </td>
      </tr>
    );
  }
  return (
    <tr {...common} onClick={() => onOpen(index)} aria-label={`Entry ${entry.seq}: ${entry.operation}, ${entry.outcome}. Open details`}>
      <td className="cu-num">{entry.seq}</td>
      <td title={entry.at}>{formatLocalTime(entry.at)}</td>
      <td title={entry.username ? `${text(entry.fullName)} (${entry.username})` : undefined}>
        {entry.fullName ?? (entry.username ? '' : '—')}
        {entry.username && <span className="cu-muted"> {entry.username}</span>}
      </td>
      <td>{text(entry.role)}</td>
      <td className="cu-mono" title={entry.operation}>
        {entry.operation}
      </td>
      <td>
        <OutcomeBadge outcome={entry.outcome} />
      </td>
      <td title={entry.caseNumber ?? undefined}>{text(entry.caseNumber)}</td>
      <td title={entry.purpose ?? undefined}>{text(entry.purpose)}</td>
      <td title={entry.reason ?? undefined}>{text(entry.reason)}</td>
      <td title={entry.workstation}>{entry.workstation}</td>
    </tr>
  );
}
