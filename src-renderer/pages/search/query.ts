import { searchQuerySchema, type SearchQueryInput } from '../../../src-main/contract/search';
import { sentence } from '../../../src-main/contract/sentences';
import { localMinuteBound } from '../common/time';

/** The search form as typed: plain text, so a half-typed value is kept as it is. */
export interface SearchForm {
  plate: string;
  fuzzy: boolean;
  /** `datetime-local` values ("2026-10-01T08:00"), in the workstation's time zone */
  from: string;
  to: string;
  state: string;
  camera: string;
  make: string;
  model: string;
  color: string;
  /** a percentage, 0–100, as the results show confidence */
  minConfidence: string;
  importId: string;
  vendor: string;
}

export type SearchField = keyof SearchForm;

export const EMPTY_SEARCH: SearchForm = {
  plate: '',
  fuzzy: false,
  from: '',
  to: '',
  state: '',
  camera: '',
  make: '',
  model: '',
  color: '',
  minConfidence: '',
  importId: '',
  vendor: '',
};

/** The filters (everything but the plate and the OCR switch), for "n filters in use". */
export const FILTER_FIELDS = ['from', 'to', 'state', 'camera', 'make', 'model', 'color', 'minConfidence', 'importId', 'vendor'] as const;

export function filtersInUse(form: SearchForm): number {
  return FILTER_FIELDS.filter((field) => form[field].trim() !== '').length;
}

export type Checked = { ok: true; query: SearchQueryInput } | { ok: false; errors: Partial<Record<SearchField, string>> };

/**
 * The form as the gate's query, checked with the contract's own schema first, so a typing
 * mistake is shown next to its field in the gate's words without opening anything (and
 * without asking for a case and purpose for a search that cannot run).
 */
export function toSearchQuery(form: SearchForm, limit?: number): Checked {
  const errors: Partial<Record<SearchField, string>> = {};
  const text = (value: string) => value.trim() || undefined;
  const query: SearchQueryInput = { plate: form.plate, fuzzy: form.fuzzy };
  if (limit !== undefined) query.limit = limit;

  for (const [field, end] of [
    ['from', false],
    ['to', true],
  ] as const) {
    if (!form[field]) continue;
    const at = localMinuteBound(form[field], end);
    if (at) query[field] = at;
    else errors[field] = 'Give a date and a time (for example 2026-10-01 08:00).';
  }
  const confidence = form.minConfidence.trim();
  if (confidence) {
    const percent = Number(confidence.replace(/%$/, ''));
    if (Number.isFinite(percent) && percent >= 0 && percent <= 100) query.minConfidence = percent / 100;
    else errors.minConfidence = 'Give a percentage from 0 to 100.';
  }
  const importId = form.importId.trim().replace(/^#/, '');
  if (importId) {
    if (/^\d+$/.test(importId) && Number(importId) > 0) query.importId = Number(importId);
    else errors.importId = 'Give the import number shown on the Imports page (for example 3).';
  }
  for (const field of ['state', 'camera', 'make', 'model', 'color', 'vendor'] as const) {
    const value = text(form[field]);
    if (value) query[field] = value;
  }

  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = SEARCH_ROUTES.byPath[String(issue.path[0]) as keyof typeof SEARCH_ROUTES.byPath];
      if (field && !errors[field]) errors[field] = sentence(issue.message);
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, query };
}

/** Which form field a gate complaint about the query belongs to. */
export const SEARCH_ROUTES = {
  byPath: {
    plate: 'plate',
    fuzzy: 'fuzzy',
    from: 'from',
    to: 'to',
    state: 'state',
    camera: 'camera',
    make: 'make',
    model: 'model',
    color: 'color',
    minConfidence: 'minConfidence',
    importId: 'importId',
    vendor: 'vendor',
  },
} as const satisfies { byPath: Record<string, SearchField> };
