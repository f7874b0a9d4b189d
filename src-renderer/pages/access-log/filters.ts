import type { AuditFilter } from '../../../src-main/contract/schemas';
import { localDayBound } from '../common/time';

/** What the filter form holds: plain text, as typed. */
export interface FilterForm {
  username: string;
  operation: string;
  fromDay: string;
  toDay: string;
  caseNumber: string;
}

export const EMPTY_FORM: FilterForm = { username: '', operation: '', fromDay: '', toDay: '', caseNumber: '' };

export type FilterField = keyof FilterForm;

/**
 * The form as the gate's filter. Days are the workstation's local calendar days, turned
 * into UTC bounds, so "from 2 March" means what the times shown in the table say.
 */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.username.trim()) filter.username = form.username.trim();
  if (form.operation.trim()) filter.operation = form.operation.trim();
  if (form.caseNumber.trim()) filter.caseNumber = form.caseNumber.trim();
  if (form.fromDay) filter.from = localDayBound(form.fromDay, false);
  if (form.toDay) filter.to = localDayBound(form.toDay, true);
  return filter;
}

/** Field problems found before asking the gate. */
export function checkFilterForm(form: FilterForm): Partial<Record<FilterField, string>> {
  if (form.fromDay && form.toDay && form.fromDay > form.toDay)
    return { toDay: `The end date comes before the start date (${form.fromDay}).` };
  return {};
}

/** Which form field a gate complaint about the filter belongs to. */
export const FILTER_ROUTES = {
  byPath: { username: 'username', operation: 'operation', from: 'fromDay', to: 'toDay', caseNumber: 'caseNumber' },
} as const satisfies { byPath: Record<string, FilterField> };
