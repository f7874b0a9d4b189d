import type { KeyboardEvent } from 'react';
import { actionPhrase, OUTCOME_PHRASES } from '../../../src-main/contract/phrases';
import type { AuditEntry } from '../../../src-main/contract/schemas';
import { Badge, type BadgeTone } from '../common/badge';
import { formatLocalTime, formatUtcTime } from '../common/time';
import { roleText } from './entry-fields';

export const COLUMN_COUNT = 8;

const OUTCOME_TONE: Record<AuditEntry['outcome'], BadgeTone> = { ok: 'ok', denied: 'bad', error: 'warn' };

export function OutcomeBadge({ outcome }: { outcome: AuditEntry['outcome'] }) {
  return <Badge tone={OUTCOME_TONE[outcome]}>{OUTCOME_PHRASES[outcome]}</Badge>;
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

/** "26-0042: Stolen vehicle investigation", on hover; null when the entry has neither. */
function caseAndPurpose(entry: AuditEntry): string | null {
  if (entry.caseNumber && entry.purpose) return `${entry.caseNumber}: ${entry.purpose}`;
  return entry.caseNumber ?? entry.purpose;
}

/** Who acted, on hover: "Linh Nguyen (l.nguyen), as Member". */
function personTitle(entry: AuditEntry): string | undefined {
  if (!entry.username) return undefined;
  const who = `${entry.fullName ?? ''} (${entry.username})`.trim();
  return entry.role ? `${who}, as ${roleText(entry.role)}` : who;
}

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
  const action = actionPhrase(entry.operation);
  return (
    <tr
      {...common}
      onClick={() => onOpen(index)}
      aria-label={`Entry ${entry.seq}: ${action}, ${OUTCOME_PHRASES[entry.outcome].toLowerCase()}. Open details`}
    >
      <td className="cu-num">{entry.seq}</td>
      <td title={formatUtcTime(entry.at)}>{formatLocalTime(entry.at)}</td>
      <td title={personTitle(entry)}>
        {entry.fullName ?? (entry.username ? '' : '—')}
        {entry.username && <span className="cu-muted"> {entry.username}</span>}
      </td>
      <td title={`${action} (${entry.operation})`} data-operation={entry.operation}>
        {action}
      </td>
      <td>
        <OutcomeBadge outcome={entry.outcome} />
      </td>
      <td title={caseAndPurpose(entry) ?? undefined}>
        {entry.caseNumber ?? (entry.purpose ? '' : '—')}
        {entry.purpose && (
          <span className="cu-muted">
            {entry.caseNumber ? ' · ' : ''}
            {entry.purpose}
          </span>
        )}
      </td>
      <td title={entry.reason ?? undefined}>{text(entry.reason)}</td>
      <td title={entry.workstation}>{entry.workstation}</td>
    </tr>
  );
}
