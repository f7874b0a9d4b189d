import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvItem } from './csv';

/**
 * The first sheet of an XLSX workbook, streamed (exceljs's WorkbookReader), as records like
 * the CSV tokenizer's: `line` is the sheet's row number, `fields` the cells as text.
 */
export async function* xlsxBatches(input: Readable, fileName: string): AsyncGenerator<CsvItem[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      let batch: CsvItem[] = [];
      for await (const row of sheet) {
        batch.push({ line: row.number, fields: rowCells(row.values) });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
  } catch (error) {
    throw new Error(`${fileName} could not be read as an XLSX workbook: ${(error as Error).message}`);
  }
}

/** The first row of the first sheet: the header the mapping editor and format detection read. */
export async function readSpreadsheetHeader(input: Readable, fileName = 'the workbook'): Promise<string[]> {
  for await (const batch of xlsxBatches(input, fileName)) {
    const first = batch[0];
    if (first && 'fields' in first) return first.fields;
  }
  return [];
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
