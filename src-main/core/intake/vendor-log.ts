import type { Cells } from './rows';
import type { CsvRecord } from './csv';
import { isWithheld } from './redaction';
import { cellsOf, headerKey, headerNames, mappedColumnIndex, numberedNames, type TableLayout } from './tabular';
import { isTimeError, outOfRange, type TimeResult } from './times';

/**
 * What the three Flock logs (audit, events, search audit) share: columns matched by
 * header name to canonical names, redaction markers turned into "withheld", every cell
 * kept as written, and a bad cell turned into a reject that names its column.
 */

/** A cell that cannot be stored; thrown inside a row's conversion, turned into a reject. */
export class CellProblem extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** One row's cells by canonical column name: null when empty or withheld. */
export class LogRow implements Cells {
  readonly withheld: string[] = [];
  readonly cells: Record<string, string>;
  private readonly values = new Map<string, string>();

  constructor(names: string[], canonical: (string | null)[], fields: string[]) {
    this.cells = cellsOf(names, fields);
    for (let i = 0; i < fields.length; i++) {
      const name = canonical[i] ?? names[i]!;
      const cell = fields[i]!;
      if (isWithheld(cell)) this.withheld.push(name);
      else if (cell.trim() !== '') this.values.set(name, cell.trim());
    }
  }

  get(column: string): string | null {
    return this.values.get(column) ?? null;
  }

  /** A count such as `449` or `1,204`; null when empty; `——` (Flock's "unknown") is null too. */
  count(column: string): number | null {
    const text = this.get(column);
    if (text === null || /^[\u2014\u2013-]+$/.test(text)) return null;
    const value = Number(text.replace(/,/g, ''));
    if (!Number.isInteger(value) || value < 0) throw new CellProblem(column, `${column} "${text}" is not a whole number`);
    return value;
  }

  /** A time through `parse`, checked to be a calendar date, not before 1990 and not in the future. */
  time(column: string, text: string | null, parse: (text: string) => TimeResult, now: number): number | null {
    if (text === null) return null;
    const at = parse(text);
    if (isTimeError(at)) throw new CellProblem(column, `the ${column} ${text} ${at}`);
    const range = outOfRange(at, now);
    if (range) throw new CellProblem(column, `the ${column} ${text} ${range}`);
    return at;
  }
}

/**
 * The header's columns matched to `known` canonical names (case and spaces ignored), or
 * null when the first row names fewer than `least` of them (it is data, or another file).
 * `aliases` are other names a column is known by (`network count` for `networkCount`).
 */
export function matchHeader(
  first: string[],
  known: readonly string[],
  least: number,
  aliases: Readonly<Record<string, string>> = {},
): { names: string[]; canonical: (string | null)[] } | null {
  const byKey = new Map([
    ...Object.entries(aliases).map(([alias, name]) => [headerKey(alias), name] as const),
    ...known.map((name) => [headerKey(name), name] as const),
  ]);
  const canonical = first.map((cell) => byKey.get(headerKey(cell.replace(/^\uFEFF/, ''))) ?? null);
  if (canonical.filter((name) => name !== null).length < least) return null;
  return { names: headerNames(first), canonical };
}

/**
 * The header a column mapping describes: which canonical column (`fields`: the mapping's field
 * → the log's own column name) each of the file's columns holds. Columns it does not name are
 * kept as written, like any column a log's layout does not know.
 */
export function mappedLogHeader(
  first: string[],
  mapping: { hasHeader: boolean; columns: Readonly<Record<string, string | undefined>> },
  fields: Readonly<Record<string, string>>,
  fileName: string,
): { header: boolean; names: string[]; canonical: (string | null)[] } {
  const names = mapping.hasHeader ? headerNames(first) : numberedNames(first.length);
  const canonical: (string | null)[] = names.map(() => null);
  for (const [field, column] of Object.entries(mapping.columns)) {
    const name = fields[field];
    if (name === undefined) continue;
    const at = mappedColumnIndex(names, column, name, fileName);
    if (at < 0) continue;
    if (canonical[at] !== null)
      throw new Error(`The mapping names the column "${names[at]}" for both ${canonical[at]} and ${name}; give each its own column.`);
    canonical[at] = name;
  }
  return { header: mapping.hasHeader, names, canonical };
}

/** A table layout whose rows become `make(row, record)`, or a reject when a cell cannot be stored. */
export function logLayout<T>(
  header: boolean,
  names: string[],
  canonical: (string | null)[],
  make: (row: LogRow, record: CsvRecord) => T,
): TableLayout<T> {
  return {
    header,
    names,
    convert(record) {
      try {
        return make(new LogRow(names, canonical, record.fields), record);
      } catch (error) {
        if (error instanceof CellProblem) return { line: record.line, column: error.column, reason: error.reason };
        throw error;
      }
    },
  };
}

/** "Time Frame, License Plate, …": a few names for messages. */
export function listed(names: readonly string[], count = 6): string {
  return names.length > count ? `${names.slice(0, count).join(', ')}, …` : names.join(', ');
}
