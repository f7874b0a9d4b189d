import type { Readable } from 'node:stream';
import { isReject, type ParsedItem, type PlateReadRow, type ReadOptions } from '../rows';
import type { RowReject } from '../../intake/rows';
import { jsonBatches } from '../../intake/json';
import { textChunks } from '../../intake/text';

/** Plate reads from a JSON stream: each record (object) becomes zero or more reads, or a reject. */
type RecordConverter = (line: number, record: Record<string, unknown>) => PlateReadRow | RowReject | (PlateReadRow | RowReject)[];

/**
 * Every record through `convert`. A reject names the record (its place in the file, counting
 * from 1, and the vendor's id for it, `idOf`) as well as the line it starts on: a file
 * written on one line has every record on line 1.
 */
export async function* readJson(
  input: Readable,
  options: ReadOptions,
  convert: RecordConverter,
  idOf: (record: Record<string, unknown>) => string | null,
): AsyncGenerator<ParsedItem> {
  for await (const batch of jsonBatches(textChunks(input, options.fileName, 'JSON'), options.fileName)) {
    for (const item of batch) {
      if (!('value' in item)) yield item;
      else if (!isObject(item.value)) yield { line: item.line, column: null, reason: `record ${item.record} is not a JSON object` };
      else {
        const id = idOf(item.value);
        const named = (row: PlateReadRow | RowReject): ParsedItem =>
          isReject(row) ? { ...row, reason: `record ${item.record}${id ? ` (id ${JSON.stringify(id)})` : ''}: ${row.reason}` } : row;
        const rows = convert(item.line, item.value);
        if (Array.isArray(rows)) yield* rows.map(named);
        else yield named(rows);
      }
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value as text for a plate read field: strings trimmed, numbers written out, anything else null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A JSON value that should be a number (a number, or a numeric string) for a plate read field. */
export function num(value: unknown): string | number | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
