import { ALERT_SORTS, ALERT_STATUSES, type AlertListInput, type AlertSort, type AlertStatus } from '../../../src-main/contract/hotlists';
import { localDayBound } from '../common/time';

/** What the queue shows: a status (or all), the filter form as typed, and the order. */
export interface QueueView {
  status: AlertStatus | 'all';
  form: FilterForm;
  sort: AlertSort;
  order: 'asc' | 'desc';
}

/** The filter form: plain text as typed; days are the workstation's local calendar days (YYYY-MM-DD). */
export interface FilterForm {
  list: string;
  plate: string;
  camera: string;
  fromDay: string;
  toDay: string;
}

export type FilterField = keyof FilterForm;

export const EMPTY_FORM: FilterForm = { list: '', plate: '', camera: '', fromDay: '', toDay: '' };

/** The queue a person starts from: what still needs verifying, the newest alert first. */
export const DEFAULT_VIEW: QueueView = { status: 'unverified', form: EMPTY_FORM, sort: 'raised', order: 'desc' };

/** The order a column sorts in when first chosen: times newest first, names from A. */
export const FIRST_ORDER: Record<AlertSort, 'asc' | 'desc'> = {
  raised: 'desc',
  read: 'desc',
  plate: 'asc',
  list: 'asc',
  status: 'asc',
  camera: 'asc',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The view a link asks for (`#/alerts?status=unverified&list=…&plate=…&camera=…&from=YYYY-MM-DD&to=…&sort=plate&order=asc`;
 * the home screen links here). Anything missing or not understood keeps its default.
 */
export function viewFromQuery(query: URLSearchParams): QueueView {
  const text = (key: string) => query.get(key)?.trim() ?? '';
  const day = (key: string) => (DAY.test(text(key)) ? text(key) : '');
  const sort = oneOf(query.get('sort'), ALERT_SORTS) ?? DEFAULT_VIEW.sort;
  return {
    status: oneOf(query.get('status'), [...ALERT_STATUSES, 'all'] as const) ?? DEFAULT_VIEW.status,
    form: { list: text('list'), plate: text('plate'), camera: text('camera'), fromDay: day('from'), toDay: day('to') },
    sort,
    order: oneOf(query.get('order'), ['asc', 'desc'] as const) ?? FIRST_ORDER[sort],
  };
}

/** The view as a link's query, the inverse of viewFromQuery (empty fields left out). */
export function queryFromView(view: QueueView): URLSearchParams {
  const query = new URLSearchParams({ status: view.status });
  const { form } = view;
  const fields: [string, string][] = [
    ['list', form.list],
    ['plate', form.plate],
    ['camera', form.camera],
    ['from', form.fromDay],
    ['to', form.toDay],
  ];
  for (const [key, value] of fields) if (value.trim()) query.set(key, value.trim());
  if (view.sort !== DEFAULT_VIEW.sort || view.order !== DEFAULT_VIEW.order) {
    query.set('sort', view.sort);
    query.set('order', view.order);
  }
  return query;
}

/** The view as `alert.list`'s filters and order (the page adds offset and limit). */
export function toAlertFilter(view: QueueView): AlertListInput {
  const { form } = view;
  return {
    ...(view.status === 'all' ? {} : { status: view.status }),
    ...(form.list.trim() ? { list: form.list.trim() } : {}),
    ...(form.plate.trim() ? { plate: form.plate.trim() } : {}),
    ...(form.camera.trim() ? { camera: form.camera.trim() } : {}),
    ...(form.fromDay ? { from: localDayBound(form.fromDay, false) } : {}),
    ...(form.toDay ? { to: localDayBound(form.toDay, true) } : {}),
    sort: view.sort,
    order: view.order,
  };
}

/** Problems found before asking the gate, every field at once. */
export function checkFilterForm(form: FilterForm): Partial<Record<FilterField, string>> {
  const problems: Partial<Record<FilterField, string>> = {};
  const plate = form.plate.trim();
  if (plate && !/^[A-Za-z0-9*? -]+$/.test(plate))
    problems.plate = 'A plate uses letters, digits, * (any run of characters) and ? (one character).';
  else if (plate && !/[A-Za-z0-9]/.test(plate)) problems.plate = 'A plate needs at least one letter or digit.';
  if (form.fromDay && form.toDay && form.fromDay > form.toDay)
    problems.toDay = `The end date comes before the start date (${form.fromDay}).`;
  return problems;
}

/** Which form field a gate complaint about the filters belongs to. */
export const FILTER_ROUTES = {
  byPath: { list: 'list', plate: 'plate', camera: 'camera', from: 'fromDay', to: 'toDay' },
} as const satisfies { byPath: Record<string, FilterField> };
