import type { Readable } from 'node:stream';
import type { HotlistFormat, HotlistMapping } from '../../contract/hotlists';
import { invalid } from '../errors';
import { csvBatches, firstRecord, sniffDelimiter } from '../intake/csv';
import { normalisePlate, normaliseState } from '../reads/plates';
import { headerKey, headerNames, numberedNames, readTable, type TableLayout } from '../intake/tabular';
import { notText, textChunks } from '../intake/text';
import { isTimeError, parseFlockTime } from '../intake/times';
import { listed, matchHeader } from '../intake/vendor-log';
import type { RowReject } from '../intake/rows';
import { normalisePattern } from '../reads/plates';

/**
 * Hot-list files (VENDOR-FORMATS.md, "Hot lists"), read a line at a time. Every entry and
 * every reject carries the line it starts on; a malformed line is rejected with the reason
 * and the rest of the file is read. A layout Custodian does not know is refused with a
 * sentence that says what was found, never guessed.
 *
 * - Genetec hot list / permit files: `;` (also Tab, `,` or `:`), no header, or a header
 *   naming Genetec's attributes. The formats page gives the attributes as
 *   `Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID` and the example
 *   `QC;DEF228;2012-01-31;2012-05-31;PermitID_1`, which has five fields: QC is Quebec, so
 *   the example is the six-field line without its Category. A line is read by its number
 *   of fields: 6 the full form, 5 without Category (its first field must be a state code,
 *   or the line is refused rather than read as a category), 2 the short form
 *   (`ABC123;` or `ABC123;CA`), 1 a plate alone. Fixed-width files are not supported.
 * - Vigilant-style CSV: the header must hold `Hot Plate`, `State` and `Alert` (Low, Medium
 *   or High); reason, case, dates and notes are read when their columns are there.
 * - Anything else (NCIC-style and state extracts) through a hot-list mapping.
 */

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

/** How a hot-list file is read. */
export interface HotlistLayout {
  format: HotlistFormat;
  delimiter: string;
  /** what was found, in words */
  description: string;
}

// ---------------------------------------------------------------------------
// One entry from its cells (every format ends here)
// ---------------------------------------------------------------------------

/** What an entry's cells are, and the file's names for them (for rejects). */
type EntryField = 'plate' | 'state' | 'reason' | 'caseNumber' | 'effective' | 'expires' | 'alertLevel' | 'note';
export type EntryCells = Partial<Record<EntryField, string>>;
type EntryLabels = Partial<Record<EntryField, string>>;

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

// ---------------------------------------------------------------------------
// Genetec
// ---------------------------------------------------------------------------

const GENETEC_ATTRIBUTES = ['Category', 'PlateState', 'PlateNumber', 'EffectiveDate', 'ExpiryDate', 'PermitID'] as const;
type GenetecAttribute = (typeof GENETEC_ATTRIBUTES)[number];
const GENETEC_FIELDS: Record<GenetecAttribute, EntryField> = {
  Category: 'reason',
  PlateState: 'state',
  PlateNumber: 'plate',
  EffectiveDate: 'effective',
  ExpiryDate: 'expires',
  PermitID: 'note',
};
/** The layouts of a headerless line, by its number of fields. */
const GENETEC_BY_COUNT: Record<number, readonly GenetecAttribute[]> = {
  1: ['PlateNumber'],
  2: ['PlateNumber', 'PlateState'],
  5: ['PlateState', 'PlateNumber', 'EffectiveDate', 'ExpiryDate', 'PermitID'],
  6: GENETEC_ATTRIBUTES,
};
const GENETEC_DELIMITERS = [';', '\t', ',', ':'] as const;
const DELIMITER_NAMES: Record<string, string> = { ';': 'semicolons', '\t': 'tabs', ',': 'commas', ':': 'colons', '|': 'vertical bars' };

/** The Genetec header (a first line naming the attributes), as attributes in file order; null when the line is data. */
function genetecHeader(fields: string[]): GenetecAttribute[] | null {
  const keys = fields.map((f) => headerKey(f.replace(/^\uFEFF/, '')));
  if (!keys.includes('platenumber')) return null;
  const byKey = new Map(GENETEC_ATTRIBUTES.map((a) => [headerKey(a), a]));
  return keys.map((key, index) => {
    const attribute = byKey.get(key);
    if (!attribute) {
      throw invalid(
        'hotlist-layout',
        `The header names "${fields[index]!.trim()}", which is not a Genetec hot-list attribute (${GENETEC_ATTRIBUTES.join(', ')}).`,
      );
    }
    return attribute;
  });
}

/** A line with no delimiter but columns set apart by spaces: a fixed-width file. */
function looksFixedWidth(line: string): boolean {
  const trimmed = line.trim();
  return /\S {2,}\S/.test(trimmed) || trimmed.split(/\s+/).length >= 3;
}

const FIXED_WIDTH =
  'is a fixed-width hot list (columns set apart by spaces, no delimiter). Custodian does not read fixed-width files: export the list from Genetec with a delimiter (";" is its default) and import that.';

function genetecLine(line: number, fields: string[], header: readonly GenetecAttribute[] | null): HotlistItem {
  while (fields.length > 2 && fields[fields.length - 1]!.trim() === '' && !GENETEC_BY_COUNT[fields.length] && !header) fields.pop();
  const attributes = header ?? GENETEC_BY_COUNT[fields.length];
  if (!attributes || (header && fields.length !== header.length && fields.slice(header.length).some((f) => f.trim() !== ''))) {
    const expected = header
      ? `the header has ${header.length}`
      : 'a Genetec line has 1 or 2 (plate and state), 5 (PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID) or 6 (Category first)';
    return { line, column: null, reason: `the line has ${fields.length} fields, but ${expected}` };
  }
  if (!header && fields.length === 5) {
    const first = fields[0]!.trim();
    if (first !== '' && !/^[A-Za-z]{2,3}$/.test(first)) {
      return {
        line,
        column: 'PlateState',
        reason: `a five-field line starts with the plate's state (PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID, as in Genetec's example), and "${first}" is not a state code; a line with a Category has all six fields`,
      };
    }
  }
  const cells: EntryCells = {};
  const labels: EntryLabels = {};
  attributes.forEach((attribute, index) => {
    const field = GENETEC_FIELDS[attribute];
    const value = fields[index]?.trim() ?? '';
    cells[field] = attribute === 'PermitID' && value !== '' ? `Permit ID ${value}` : value;
    labels[field] = attribute;
  });
  return buildEntry(line, cells, labels);
}

async function* readGenetec(input: Readable, fileName: string, delimiter: string): AsyncGenerator<HotlistItem> {
  let header: GenetecAttribute[] | null | undefined;
  for await (const batch of csvBatches(textChunks(input, fileName, 'hot-list'), delimiter)) {
    for (const item of batch) {
      if (!('fields' in item)) {
        yield item;
        continue;
      }
      if (item.fields.every((f) => f.trim() === '')) continue;
      if (header === undefined) {
        header = genetecHeader(item.fields);
        if (header) continue;
        if (item.fields.length === 1 && looksFixedWidth(item.fields[0]!))
          throw invalid('hotlist-fixed-width', `${fileName} ${FIXED_WIDTH}`);
      }
      yield genetecLine(item.line, item.fields, header);
    }
  }
}

// ---------------------------------------------------------------------------
// Vigilant-style CSV and mapped CSV: tables with named columns
// ---------------------------------------------------------------------------

const VIGILANT_REQUIRED = ['Hot Plate', 'State', 'Alert'] as const;
/** Optional Vigilant-style columns Custodian reads, by the names they go by. */
const VIGILANT_OPTIONAL: Record<string, EntryField> = {
  reason: 'reason',
  category: 'reason',
  'alert reason': 'reason',
  'hot list reason': 'reason',
  case: 'caseNumber',
  'case number': 'caseNumber',
  'case #': 'caseNumber',
  'case no': 'caseNumber',
  'case no.': 'caseNumber',
  effective: 'effective',
  'effective date': 'effective',
  'start date': 'effective',
  expiration: 'expires',
  'expiration date': 'expires',
  expires: 'expires',
  expiry: 'expires',
  'expiry date': 'expires',
  'exp date': 'expires',
  note: 'note',
  notes: 'note',
  comment: 'note',
  comments: 'note',
  description: 'note',
};

/** A table layout that reads each named column into its entry field. */
function columnsLayout(header: boolean, names: string[], columns: Partial<Record<EntryField, number>>): TableLayout<HotlistRow> {
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

function vigilantLayout(first: string[], fileName: string): TableLayout<HotlistRow> {
  const match = matchHeader(first, VIGILANT_REQUIRED, VIGILANT_REQUIRED.length);
  if (!match) {
    const missing = VIGILANT_REQUIRED.filter((name) => !first.some((cell) => headerKey(cell) === headerKey(name)));
    throw invalid(
      'hotlist-layout',
      `${fileName} is not a Vigilant-style hot list: its header lacks ${listed(missing)} (it has ${listed(first.map((f) => f.trim()))}).`,
    );
  }
  const columns: Partial<Record<EntryField, number>> = {};
  match.canonical.forEach((name, at) => {
    if (name === 'Hot Plate') columns.plate = at;
    else if (name === 'State') columns.state = at;
    else if (name === 'Alert') columns.alertLevel = at;
    else {
      const field = VIGILANT_OPTIONAL[headerKey(match.names[at]!)];
      if (field && columns[field] === undefined) columns[field] = at;
    }
  });
  return columnsLayout(true, match.names, columns);
}

/** The Vigilant-style columns a header holds that Custodian does not read (said when detecting). */
function unreadVigilantColumns(first: string[]): string[] {
  const known = new Set([...VIGILANT_REQUIRED.map(headerKey), ...Object.keys(VIGILANT_OPTIONAL)]);
  return first.map((f) => f.trim()).filter((name) => name !== '' && !known.has(headerKey(name)));
}

function mappedLayout(first: string[], mapping: HotlistMapping, fileName: string): TableLayout<HotlistRow> {
  const names = mapping.hasHeader ? headerNames(first) : numberedNames(first.length);
  const keys = names.map(headerKey);
  const columns: Partial<Record<EntryField, number>> = {};
  for (const [field, name] of Object.entries(mapping.columns) as [EntryField, string | undefined][]) {
    if (name === undefined) continue;
    const at = keys.indexOf(headerKey(name));
    if (at < 0) {
      throw invalid(
        'hotlist-mapping',
        `The mapping reads the column "${name}" (${field}), which ${fileName} does not have; its columns are ${listed(names, 12)}. Check the mapping and its delimiter.`,
      );
    }
    columns[field] = at;
  }
  return columnsLayout(mapping.hasHeader, names, columns);
}

// ---------------------------------------------------------------------------
// Detection and reading
// ---------------------------------------------------------------------------

/** Words that mark a first line as a header (of some layout), not a Genetec entry. */
const HEADER_WORDS = /plate|state|tag|licen[cs]e|alert|reason|categ|expir|effect|case|make|model|colou?r|vehicle|vin\b|date/i;

/**
 * A first line that names columns rather than holding an entry: no digits (an entry has a
 * plate or dates with digits, nearly always), and words of a header, or three or more
 * fields above a line that has digits.
 */
function looksLikeHeader(line: string, fields: string[], next: string | undefined): boolean {
  if (/\d/.test(line)) return false;
  return HEADER_WORDS.test(line) || (fields.length >= 3 && next !== undefined && /\d/.test(next));
}

function headLines(head: Buffer, complete: boolean): string[] {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  return lines.filter((line) => line.trim() !== '').slice(0, 50);
}

/**
 * What a hot-list file is, from its start (`head`, up to 64 KB): the format and delimiter,
 * and a sentence saying what was found. An unknown layout is refused, asking for a mapping.
 */
export function detectHotlist(head: Buffer, fileName: string, complete: boolean): HotlistLayout {
  if (head.length === 0) throw invalid('hotlist-empty', `${fileName} is empty.`);
  const binary = notText(head);
  if (binary) throw invalid('hotlist-layout', `${fileName} is not a hot-list file: ${binary}.`);
  const lines = headLines(head, complete);
  if (lines.length === 0) throw invalid('hotlist-empty', `${fileName} holds no entries.`);
  const firstLine = lines[0]!;
  const sniffed = sniffDelimiter(firstLine);
  const first = firstRecord(firstLine, sniffed, true) ?? [];
  if (matchHeader(first, VIGILANT_REQUIRED, VIGILANT_REQUIRED.length)) {
    const unread = unreadVigilantColumns(first);
    return {
      format: 'vigilant',
      delimiter: sniffed,
      description: `Detected a Vigilant-style hot list: a header with Hot Plate, State and Alert, separated by ${DELIMITER_NAMES[sniffed]}${
        unread.length ? `; the columns ${listed(unread)} are not read` : ''
      }.`,
    };
  }
  for (const delimiter of GENETEC_DELIMITERS) {
    const fields = firstRecord(firstLine, delimiter, true) ?? [];
    if (fields.length > 1 && genetecHeader(fields)) {
      return {
        format: 'genetec',
        delimiter,
        description: `Detected a Genetec hot list with a header (${fields.map((f) => f.trim()).join(', ')}), separated by ${DELIMITER_NAMES[delimiter]}.`,
      };
    }
  }
  const unknown = (what: string) =>
    invalid(
      'hotlist-layout-unknown',
      `${fileName} ${what} This is not a hot-list layout Custodian knows (Genetec lines such as QC;DEF228;2012-01-31;2012-05-31;PermitID_1 or ABC123;CA, or a Vigilant-style header Hot Plate, State, Alert). Save a hot-list mapping that says which column holds the plate, the state and the dates, and import with it.`,
    );
  if (looksLikeHeader(firstLine, first, lines[1])) {
    throw unknown(
      `starts with a header (${listed(
        first.map((f) => f.trim()),
        8,
      )}).`,
    );
  }
  const delimiter = GENETEC_DELIMITERS.find((d) => firstLine.includes(d));
  if (!delimiter) {
    if (looksFixedWidth(firstLine)) throw invalid('hotlist-fixed-width', `${fileName} ${FIXED_WIDTH}`);
    if (lines.every((line) => !looksFixedWidth(line) && typeof entryPlate(line) !== 'string')) {
      return { format: 'genetec', delimiter: ';', description: `Detected a Genetec hot list in its shortest form: one plate per line.` };
    }
    throw unknown('has lines without a delimiter that are not plates.');
  }
  // Every sampled line must read as one of Genetec's forms; the counts say which were seen.
  const forms = new Map<number, number>();
  let unreadable = 0;
  for (const line of lines) {
    const fields = firstRecord(line, delimiter, true) ?? [];
    const item = genetecLine(0, fields, null);
    if (isEntry(item)) forms.set(fields.length, (forms.get(fields.length) ?? 0) + 1);
    else unreadable++;
  }
  if (forms.size === 0 || unreadable > lines.length / 2) {
    throw unknown(
      `has lines separated by ${DELIMITER_NAMES[delimiter]}, but most of the first ${lines.length} do not read as Genetec entries.`,
    );
  }
  const FORM_NAMES: Record<number, string> = {
    2: 'short form (plate;state)',
    5: 'PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID',
    6: 'Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID',
  };
  const seen = [...forms.keys()].sort().map((count) => FORM_NAMES[count] ?? `${count} fields`);
  return {
    format: 'genetec',
    delimiter,
    description: `Detected a Genetec hot list separated by ${DELIMITER_NAMES[delimiter]}, no header: ${seen.join('; ')}.`,
  };
}

/** The delimiter of a Genetec file named as such: the first of ; Tab , : its first line holds (";" when none). */
export function genetecDelimiter(head: Buffer): string {
  const first = headLines(head, true)[0] ?? '';
  return GENETEC_DELIMITERS.find((d) => first.includes(d)) ?? ';';
}

export interface ReadHotlistOptions {
  fileName: string;
  format: HotlistFormat;
  delimiter: string;
  mapping?: HotlistMapping;
}

/** Every entry and reject of a hot-list file, in file order, streaming. */
export function readHotlist(input: Readable, options: ReadHotlistOptions): AsyncGenerator<HotlistItem> {
  const { fileName, delimiter } = options;
  switch (options.format) {
    case 'genetec':
      return readGenetec(input, fileName, delimiter);
    case 'vigilant':
      return readTable<HotlistRow>(input, { fileName }, (first) => vigilantLayout(first, fileName), delimiter);
    case 'mapped': {
      const mapping = options.mapping;
      if (!mapping)
        throw invalid('hotlist-mapping-required', `${fileName} is read through a hot-list mapping; choose a saved one or give one.`);
      return readTable<HotlistRow>(input, { fileName }, (first) => mappedLayout(first, mapping, fileName), mapping.delimiter);
    }
  }
}
