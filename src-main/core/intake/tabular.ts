import type { Readable } from 'node:stream';
import type { RowReject, TableSource } from './rows';
import { csvBatches, sniffDelimiter, type CsvItem, type CsvRecord } from './csv';
import { textChunks } from './text';
import { sheetBatches } from './xlsx';

/**
 * Rows of a table, CSV or a sheet of an XLSX workbook, checked against the header
 * (or the first row, when there is none) and handed to a format's converter.
 */

/** How a format reads a table, chosen from its first row (`T`: what a row becomes: an import's row, a hot-list entry). */
export interface TableLayout<T> {
  /** the first row is a header (not data) */
  header: boolean;
  /** the column names: the header's, or "1", "2", ... */
  names: string[];
  convert(record: CsvRecord): T | RowReject;
}

/** For matching header names: case- and space-insensitive. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The header's names, trimmed; an empty one is named by its column number. The same name
 * twice would make the row's cells ambiguous, so the file is refused rather than guessed.
 */
export function headerNames(fields: string[]): string[] {
  const names = fields.map((field, index) => field.replace(/^\uFEFF/, '').trim() || String(index + 1));
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const earlier = seen.get(headerKey(name));
    if (earlier !== undefined) {
      throw new Error(
        `The header names the column "${name}" twice (columns ${earlier + 1} and ${index + 1}); rename one and import again.`,
      );
    }
    seen.set(headerKey(name), index);
  });
  return names;
}

/**
 * Where the column a mapping names for `field` is among the file's columns (case and spaces
 * ignored); -1 when the mapping names none. A column the file lacks is refused, naming the
 * columns it has.
 */
export function mappedColumnIndex(names: string[], column: string | undefined, field: string, fileName: string): number {
  if (column === undefined) return -1;
  const at = names.findIndex((name) => headerKey(name) === headerKey(column));
  if (at < 0) {
    const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
    throw new Error(
      `The mapping reads the column "${column}" (${field}), which ${fileName} does not have; its columns are ${shown}. Check the mapping and its delimiter.`,
    );
  }
  return at;
}

/** Columns named by number, for a file without a header. */
export function numberedNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String(index + 1));
}

/** The records of a CSV (delimiter given, or sniffed from the first line) or of a workbook's sheet. */
async function* tableBatches(input: Readable, options: TableSource, delimiter?: string): AsyncGenerator<CsvItem[]> {
  if (options.sheet) {
    yield* sheetBatches(input, options.sheet.parts, options.fileName, options.sheet.name);
    return;
  }
  const chunks = textChunks(input, options.fileName, 'CSV');
  const first = await chunks.next();
  if (first.done) return;
  async function* all(): AsyncGenerator<string> {
    yield first.value as string;
    yield* chunks;
  }
  yield* csvBatches(all(), delimiter ?? sniffDelimiter(first.value as string));
}

/**
 * Every row of the table through `layoutOf`'s converter. A row with more or fewer cells
 * than the header is rejected naming both counts, except that trailing empty cells are
 * not counted and a spreadsheet row may stop early (a workbook leaves empty cells out).
 */
export async function* readTable<T>(
  input: Readable,
  options: TableSource,
  layoutOf: (first: string[]) => TableLayout<T>,
  delimiter?: string,
): AsyncGenerator<T | RowReject> {
  let layout: TableLayout<T> | null = null;
  let width = 0;
  for await (const batch of tableBatches(input, options, delimiter)) {
    for (const item of batch) {
      if (!('fields' in item)) {
        yield item;
        continue;
      }
      const fields = item.fields;
      if (!layout) {
        layout = layoutOf(fields);
        width = layout.names.length;
        if (layout.header) continue;
      }
      // a row of empty cells (a spreadsheet's padding) holds nothing to keep
      if (fields[0] === '' && fields.every((field) => field === '')) continue;
      if (fields.length !== width) {
        while (fields.length > width && fields[fields.length - 1] === '') fields.pop();
        if (options.sheet) while (fields.length < width) fields.push('');
        if (fields.length !== width) {
          const expected = layout.header ? 'the header has' : 'the first row has';
          yield { line: item.line, column: null, reason: `the row has ${fields.length} cells but ${expected} ${width}` };
          continue;
        }
      }
      yield layout.convert(item);
    }
  }
}

/** Every cell of a row by its column name, as written (the `cells` of a vendor log row). */
export function cellsOf(names: string[], fields: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) cells[names[i]!] = fields[i] ?? '';
  return cells;
}
