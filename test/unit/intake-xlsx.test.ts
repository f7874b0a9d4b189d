/**
 * Workbooks are read through the package's directory: every sheet, in tab order, with its
 * name. exceljs's streaming WorkbookReader read the package in one pass and lost its last
 * entries (xl/workbook.xml, as exceljs stores it) when its unzip stream ended early: with five
 * small sheets it failed nearly every time with "Cannot read properties of undefined (reading
 * 'sheets')", and now and then with one (the intermittent flock-events-xlsx failure).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetBatches, sheetHeader, type OpenWorkbook } from '../../src-main/core/intake/xlsx';
import { openWorkbookBytes } from './imports-formats-support';

async function rowsOf(workbook: OpenWorkbook, index: number): Promise<Array<{ line: number; fields: string[] }>> {
  const sheet = workbook.sheets[index]!;
  const rows: Array<{ line: number; fields: string[] }> = [];
  for await (const batch of sheetBatches(await workbook.openSheet(sheet), workbook.parts, 'book.xlsx', sheet.name))
    for (const item of batch) if ('fields' in item) rows.push({ line: item.line, fields: item.fields });
  return rows;
}

describe('XLSX workbooks', () => {
  it('reads every sheet of a five-sheet workbook, each time, in tab order with its name', async () => {
    const book = new ExcelJS.Workbook();
    for (let s = 1; s <= 5; s++) book.addWorksheet(`Sheet ${s}`).addRow([`a${s}`, s, 'multi\nline']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    for (let attempt = 0; attempt < 20; attempt++) {
      const workbook = await openWorkbookBytes(bytes);
      try {
        expect(workbook.sheets.map((sheet) => [sheet.position, sheet.name])).toEqual([1, 2, 3, 4, 5].map((s) => [s, `Sheet ${s}`]));
        for (let s = 0; s < 5; s++)
          expect(await rowsOf(workbook, s)).toEqual([{ line: 1, fields: [`a${s + 1}`, String(s + 1), 'multi\nline'] }]);
      } finally {
        workbook.close();
      }
    }
  });

  it('reads cells as text: shared and rich strings, numbers, formulas, and date cells as zone-less times', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover').addRow(['Public records release 26-114']);
    const sheet = book.addWorksheet('Log');
    sheet.addRow(['id', 'when', 'n', 'sum', 'note']);
    const row = sheet.addRow([
      'x1',
      new Date(Date.UTC(2026, 2, 10, 4, 31, 52)),
      449,
      { formula: 'C2+1', result: 450 },
      { richText: [{ text: 'bold ' }, { text: 'and plain' }] },
    ]);
    row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
    sheet.addRow([]);
    sheet.addRow(['x2', '', 3]);
    const workbook = await openWorkbookBytes(Buffer.from(await book.xlsx.writeBuffer()));
    try {
      expect(workbook.sheets.map((s) => s.name)).toEqual(['Cover', 'Log']);
      expect(await sheetHeader(workbook, workbook.sheets[1]!, 'book.xlsx')).toEqual(['id', 'when', 'n', 'sum', 'note']);
      expect(await rowsOf(workbook, 1)).toEqual([
        { line: 1, fields: ['id', 'when', 'n', 'sum', 'note'] },
        { line: 2, fields: ['x1', '2026-03-10T04:31:52.000', '449', '450', 'bold and plain'] },
        { line: 4, fields: ['x2', '', '3'] },
      ]);
    } finally {
      workbook.close();
    }
  });

  it('says which file is not a workbook', async () => {
    await expect(openWorkbookBytes(Buffer.from('PK\u0003\u0004 not really'))).rejects.toThrow(
      /book.xlsx could not be read as an XLSX workbook/,
    );
  });
});
