import type { RowReject } from '../../intake/rows';
import type { TableLayout } from '../../intake/tabular';
import { isTimeError, parseFlockTime } from '../../intake/times';
import { normalisePattern, normalisePlate, normaliseState } from '../../reads/plates';

/** One hot-list entry from its cells, checked and normalised: every format ends here. */

/** One hot-list entry as a file gives it, checked and normalised. */
export interface HotlistRow {
  line: number;
  plateRaw: string;
  /** normalised; a partial plate keeps its * and ? */
  plateNorm: string;
  partial: boolean;
  state: string | null;
  reason: string | null;
  caseNumber: string | null;
  alertLevel: string | null;
  note: string | null;
  /** YYYY-MM-DD, or null (open) */
  effective: string | null;
  expires: string | null;
}
export type HotlistItem = HotlistRow | RowReject;

export function isEntry(item: HotlistItem): item is HotlistRow {
  return 'plateNorm' in item;
}

/** What an entry's cells are, and the file's names for them (for rejects). */
export type EntryField = 'plate' | 'state' | 'reason' | 'caseNumber' | 'effective' | 'expires' | 'alertLevel' | 'note';
export type EntryCells = Partial<Record<EntryField, string>>;
export type EntryLabels = Partial<Record<EntryField, string>>;

/** A plate is no longer than this (US plates have at most 8 characters; some countries 10). */
const MAX_PLATE = 12;
/** A partial plate needs this many known characters, or it would match a large share of all reads. */
export const PARTIAL_KNOWN_CHARACTERS = 3;
const TEXT_LIMITS: Record<'reason' | 'caseNumber' | 'note', number> = { reason: 500, caseNumber: 64, note: 2000 };
const LEVELS = new Map([
  ['low', 'low'],
  ['medium', 'medium'],
  ['med', 'medium'],
  ['high', 'high'],
]);

class CellProblem extends Error {
  constructor(
    readonly field: EntryField,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A plate as stored for matching: full (normalisePlate) or partial (`*` and `?` kept). */
export function entryPlate(raw: string): { plateNorm: string; partial: boolean } | string {
  const text = raw.trim();
  if (text === '') return 'the plate is empty';
  if (/[*?]/.test(text)) {
    const pattern = normalisePattern(text).replace(/[^A-Z0-9*?]/g, '');
    const known = pattern.replace(/[*?]/g, '').length;
    if (known < PARTIAL_KNOWN_CHARACTERS) {
      return `the partial plate ${text} has ${known} known character${known === 1 ? '' : 's'}; give at least ${PARTIAL_KNOWN_CHARACTERS}, or it would match a large share of all reads`;
    }
    if (pattern.replace(/\*/g, '').length > MAX_PLATE)
      return `the partial plate ${text} is longer than any plate (${MAX_PLATE} characters)`;
    return { plateNorm: pattern, partial: true };
  }
  const plateNorm = normalisePlate(text);
  if (plateNorm === '') return `the plate ${text} holds no letters or digits`;
  if (plateNorm.length > MAX_PLATE) return `the plate ${text} is longer than any plate (${MAX_PLATE} characters)`;
  return { plateNorm, partial: false };
}

/** A day as a hot list writes it: 2026-05-31, 2026-05-31T23:59:00, 5/31/2026. */
export function parseDay(text: string): string | { problem: string } {
  const trimmed = text.trim();
  // An ISO date with a time is the day as written (a zone must not move it to another day).
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(trimmed);
  const parsed = parseFlockTime(iso ? iso[1]! : trimmed);
  if (isTimeError(parsed))
    return { problem: `${trimmed} ${parsed === 'is not a calendar date' ? parsed : 'is not a date (write 2026-05-31)'}` };
  return new Date(parsed).toISOString().slice(0, 10);
}

function text(cells: EntryCells, field: 'reason' | 'caseNumber' | 'note'): string | null {
  const value = cells[field]?.trim() ?? '';
  if (value === '') return null;
  if (value.length > TEXT_LIMITS[field]) throw new CellProblem(field, `is over ${TEXT_LIMITS[field]} characters`);
  return value;
}

function day(cells: EntryCells, field: 'effective' | 'expires'): string | null {
  const value = cells[field]?.trim() ?? '';
  if (value === '') return null;
  const parsed = parseDay(value);
  if (typeof parsed !== 'string') throw new CellProblem(field, parsed.problem);
  return parsed;
}

const WORDS: Record<EntryField, string> = {
  plate: 'the plate',
  state: 'the state',
  reason: 'the reason',
  caseNumber: 'the case number',
  effective: 'the effective date',
  expires: 'the expiry date',
  alertLevel: 'the alert level',
  note: 'the note',
};

/** An entry from its cells, or a reject naming the column (by the file's own name for it) and why. */
export function buildEntry(line: number, cells: EntryCells, labels: EntryLabels): HotlistItem {
  const reject = (field: EntryField | null, reason: string): RowReject => ({
    line,
    column: field ? (labels[field] ?? null) : null,
    reason,
  });
  const plate = entryPlate(cells.plate ?? '');
  if (typeof plate === 'string') return reject('plate', plate);
  try {
    const stateText = cells.state ?? '';
    const state = normaliseState(stateText);
    if (state !== null && !/^[A-Z]{2,3}$/.test(state)) throw new CellProblem('state', `${stateText.trim()} is not a 2-letter state code`);
    const levelText = cells.alertLevel?.trim() ?? '';
    const alertLevel = levelText === '' ? null : LEVELS.get(levelText.toLowerCase());
    if (alertLevel === undefined) throw new CellProblem('alertLevel', `${levelText} is not Low, Medium or High`);
    const effective = day(cells, 'effective');
    const expires = day(cells, 'expires');
    if (effective && expires && expires < effective) {
      return reject('expires', `the expiry date ${expires} is before the effective date ${effective}`);
    }
    return {
      line,
      plateRaw: cells.plate!.trim(),
      ...plate,
      state,
      reason: text(cells, 'reason'),
      caseNumber: text(cells, 'caseNumber'),
      alertLevel,
      note: text(cells, 'note'),
      effective,
      expires,
    };
  } catch (error) {
    if (!(error instanceof CellProblem)) throw error;
    return reject(error.field, `${WORDS[error.field]} ${error.reason}`);
  }
}

/** A table layout that reads each named column into its entry field (Vigilant-style and mapped CSV). */
export function columnsLayout(header: boolean, names: string[], columns: Partial<Record<EntryField, number>>): TableLayout<HotlistRow> {
  const placed = Object.entries(columns) as [EntryField, number][];
  const labels: EntryLabels = Object.fromEntries(placed.map(([field, at]) => [field, names[at]!]));
  return {
    header,
    names,
    convert({ line, fields }) {
      const cells: EntryCells = {};
      for (const [field, at] of placed) cells[field] = fields[at];
      return buildEntry(line, cells, labels) as HotlistRow | RowReject;
    },
  };
}
