import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type yauzl from 'yauzl';
import type { CsvItem } from './csv';
import { openZipSource, type ByteSource } from './source';

/**
 * XLSX workbooks, every sheet, read through the package's central directory (yauzl) and
 * exceljs's own part parsers: the workbook's list of sheets, the shared strings and the
 * styles (which numbers are dates) first, then each sheet's rows streamed.
 *
 * Why not exceljs's streaming WorkbookReader: it reads the package in one pass, in stored
 * order, and its unzip stream ends early ("finish" is taken for "end") while entries are still
 * buffered. exceljs itself stores xl/workbook.xml last, so that entry is often lost and the
 * reader fails with "Cannot read properties of undefined (reading 'sheets')": nearly always
 * with five small sheets, now and then with one (exceljs issue 3064).
 */

/** One sheet of a workbook, in the order of the workbook's tabs. */
export interface WorkbookSheet {
  /** the tab's name */
  name: string;
  /** 1 for the first tab */
  position: number;
  /** the sheet's part in the package ("xl/worksheets/sheet1.xml") */
  part: string;
  /** the part's size unpacked, in bytes */
  size: number;
}

/**
 * What every sheet's cells refer to: the shared strings, the styles and the date system,
 * held by exceljs's reader. Read once per workbook; only the sheets are streamed.
 */
export interface SheetParts {
  readonly sheetParser: ExcelPartsReader;
}

/** exceljs's reader, used for its part parsers (not public API; pinned by test/unit/intake-xlsx.test.ts). */
interface ExcelPartsReader {
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

export interface OpenWorkbook {
  readonly sheets: WorkbookSheet[];
  readonly parts: SheetParts;
  /** the sheet's XML, streamed (read its rows with `sheetBatches`) */
  openSheet(sheet: WorkbookSheet): Promise<Readable>;
  close(): void;
}

const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** Open a workbook and read what its sheets need; throws a sentence naming the file when it is not a workbook. */
export async function openWorkbook(source: ByteSource, fileName: string): Promise<OpenWorkbook> {
  const broken = (why: string) => new Error(`${fileName} could not be read as an XLSX workbook: ${why}`);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZipSource(source, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw broken((error as Error).message);
  }
  try {
    const entries = await listEntries(zip);
    const open = (part: string): Promise<Readable> =>
      new Promise((resolve, reject) =>
        zip.openReadStream(entries.get(part)!, (error, stream) => (error ? reject(broken(error.message)) : resolve(stream!))),
      );
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as Readable, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as ExcelPartsReader;
    if (!entries.has('xl/workbook.xml') || !entries.has('xl/_rels/workbook.xml.rels'))
      throw broken('it has no xl/workbook.xml listing its sheets');
    await reader._parseRels(await open('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(await open('xl/workbook.xml'));
    const rels = reader.workbookRels ?? [];
    const partOf = (target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`));
    const related = (type: string) => rels.filter((rel) => rel.Type === RELATIONSHIP + type).map((rel) => partOf(rel.Target));
    // with sharedStrings 'cache' the parser keeps the strings and yields nothing
    for (const part of related('sharedStrings')) if (entries.has(part)) await drain(reader._parseSharedStrings(await open(part)));
    for (const part of related('styles')) if (entries.has(part)) await reader._parseStyles(await open(part));
    const sheets: WorkbookSheet[] = [];
    for (const sheet of reader.model?.sheets ?? []) {
      const rel = rels.find((r) => r.Id === sheet.rId);
      const part = rel && partOf(rel.Target);
      // a chart sheet or a dialog sheet holds no rows
      if (!part || rel.Type !== `${RELATIONSHIP}worksheet` || !entries.has(part)) continue;
      sheets.push({ name: sheet.name, position: sheets.length + 1, part, size: entries.get(part)!.uncompressedSize });
    }
    return {
      sheets,
      parts: { sheetParser: reader },
      openSheet: (sheet) => open(sheet.part),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  while (!(await iterator.next()).done);
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/**
 * A sheet's rows, streamed from its XML, as records like the CSV tokenizer's: `line` is the
 * sheet's row number, `fields` the cells as text.
 */
export async function* sheetBatches(xml: Readable, parts: SheetParts, fileName: string, sheetName: string): AsyncGenerator<CsvItem[]> {
  try {
    for (const { value: rows } of parts.sheetParser._parseWorksheet(xml, '0')) {
      let batch: CsvItem[] = [];
      for await (const row of rows) {
        batch.push({ line: row.number, fields: rowCells(row.values) });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    }
  } catch (error) {
    throw new Error(`${fileName}: the sheet "${sheetName}" could not be read: ${(error as Error).message}`);
  }
}

/** The first row of a sheet (its header, if it has one); empty for an empty sheet. */
export async function sheetHeader(workbook: OpenWorkbook, sheet: WorkbookSheet, fileName: string): Promise<string[]> {
  const xml = await workbook.openSheet(sheet);
  try {
    for await (const batch of sheetBatches(xml, workbook.parts, fileName, sheet.name)) {
      const first = batch[0];
      if (first && 'fields' in first) return first.fields;
    }
    return [];
  } finally {
    xml.destroy();
  }
}

/** exceljs row values are 1-based and sparse. */
function rowCells(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>): string[] {
  const cells: string[] = [];
  if (!Array.isArray(values)) return cells;
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}

/**
 * A cell as text. A date cell carries no zone in a spreadsheet: it is written as
 * `2026-03-10T04:31:52.000` without one, so it is read in the import's zone.
 */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, -1);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
