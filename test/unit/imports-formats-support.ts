import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openWorkbook, type OpenWorkbook } from '../../src-main/core/intake/xlsx';
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
  options: Partial<ReadOptions> & { chunk?: number; spreadsheet?: boolean } = {},
): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  const { chunk, spreadsheet, ...rest } = options;
  const read = (input: Readable, more: Partial<ReadOptions>) =>
    READERS[format].read(input, { timezone: 'UTC', now: NOW, fileName: 'test.csv', ...rest, ...more });
  if (!spreadsheet) {
    for await (const item of read(streamOf(content, chunk), {})) items.push(item);
    return items;
  }
  // a workbook: its first sheet, read as an import reads it (through the package's directory)
  const workbook = await openWorkbookBytes(typeof content === 'string' ? Buffer.from(content) : content);
  try {
    const sheet = workbook.sheets[0]!;
    for await (const item of read(await workbook.openSheet(sheet), { sheet: { name: sheet.name, parts: workbook.parts } }))
      items.push(item);
  } finally {
    workbook.close();
  }
  return items;
}

/** A workbook held in memory, opened as an import opens one (from a file: its directory is read at the end). */
export async function openWorkbookBytes(bytes: Buffer): Promise<OpenWorkbook> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-xlsx-'));
  const file = path.join(dir, 'book.xlsx');
  fs.writeFileSync(file, bytes);
  const workbook = await openWorkbook({ kind: 'file', name: 'book.xlsx', path: file, size: bytes.length }, 'book.xlsx');
  return {
    ...workbook,
    close: () => {
      workbook.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
