import { Readable } from 'node:stream';
import type { ColumnMappingInput } from '../../src-main/contract/imports';
import { columnMappingSchema } from '../../src-main/contract/imports';
import { READERS } from '../../src-main/core/imports/formats';
import type { ParsedItem, ReadOptions } from '../../src-main/core/imports/rows';
import type { RowReject } from '../../src-main/core/intake/rows';
import { isReject } from '../../src-main/core/imports/rows';
import type { ImportFormat } from '../../src-main/contract/imports';

/** Shared by the imports-formats-* tests: inline fixtures in, items out. */
export const NOW = new Date('2026-04-15T12:00:00Z');

/** A stream of `content`, cut into chunks of `chunk` bytes (to cross every boundary). */
export function streamOf(content: string | Buffer, chunk = 64 * 1024): Readable {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  return Readable.from(parts);
}

export async function readAll(
  format: ImportFormat,
  content: string | Buffer,
  options: Partial<ReadOptions> & { chunk?: number } = {},
): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  const { chunk, ...rest } = options;
  for await (const item of READERS[format].read(streamOf(content, chunk), { timezone: 'UTC', now: NOW, fileName: 'test.csv', ...rest }))
    items.push(item);
  return items;
}

export function rows<T extends ParsedItem>(items: ParsedItem[]): Exclude<T, RowReject>[] {
  return items.filter((item) => !isReject(item)) as Exclude<T, RowReject>[];
}

export function rejects(items: ParsedItem[]): RowReject[] {
  return items.filter(isReject);
}

export function mapping(input: Partial<ColumnMappingInput> & { columns: ColumnMappingInput['columns'] }) {
  return columnMappingSchema.parse({ vendor: 'acme', ...input });
}
