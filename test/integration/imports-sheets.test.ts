/**
 * Workbooks with more than one sheet, through the gate: a cover page and notes are skipped
 * by name, the log is read from every sheet that holds it, the preview says which sheets will
 * be imported, a workbook of two kinds of log is refused unless the vendor is chosen, and a
 * reject names its sheet and the sheet's row.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src-main/contract/imports';
import { writeSearchAuditWorkbooks, type Fixture } from '../fixtures/vendor-files';
import { ACCESS, expectWellFormedSummary, importOk, importWorkspace, runImport, storeState } from '../support/import-support';
import { openStore, removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

let w: TestWorkspace;
let token: string;
let dir: string;
let split: Fixture;

beforeAll(async () => {
  ({ w, token } = importWorkspace('imports-sheets'));
  dir = tempFolder('imports-sheets-files');
  split = (await writeSearchAuditWorkbooks(dir, { seed: 41 }))[1]!;
});
afterAll(() => w?.ws.close());

async function preview(file: string, request: object = {}): Promise<ImportPreview> {
  return (await w.ws.startJob(token, 'import.preview', { source: { path: file }, vendor: 'auto', rows: 200, ...request }, ACCESS, {
    signal: new AbortController().signal,
    onProgress: () => {},
  })) as ImportPreview;
}

/** A release with a Flock audit on one sheet and a transparency-portal search audit on another. */
async function mixedWorkbook(): Promise<string> {
  const book = new ExcelJS.Workbook();
  const audit = book.addWorksheet('Audit');
  audit.addRow([' ID', ' Name', ' License Plate', ' Reason', ' Search Time', ' Time Frame']);
  audit.addRow(['x1', 'J. Smith', 'ABC123', 'stolen', '11/14/2025, 09:53:36 AM UTC', '11/01/2025 UTC\n11/02/2025 UTC']);
  const searches = book.addWorksheet('Portal');
  searches.addRow(['id', 'userId', 'searchDate', 'networkCount', 'reason']);
  searches.addRow(['p1', '***', '2026-03-10T04:31:52.901Z', '2', 'Investigation']);
  searches.addRow(['p2', '***', '2026-03-11T04:31:52.901Z', '3', 'Stolen']);
  const file = path.join(dir, 'mixed.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

describe('a workbook with several sheets', () => {
  it('previews which sheets will be imported and which skipped, with rows from each log sheet', async () => {
    const p = await preview(split.path);
    expect(p.format).toBe('flock-search-audit');
    expect(p.sheets).toEqual([
      { name: 'Cover', format: null, skipped: expect.stringMatching(/matches no known layout/) },
      { name: 'Jan-Mar', format: 'flock-search-audit', skipped: null },
      { name: 'Apr-Jun', format: 'flock-search-audit', skipped: null },
      { name: 'Notes', format: null, skipped: expect.stringMatching(/matches no known layout/) },
    ]);
    expect(p.detection).toMatch(/Sheets read: "Jan-Mar", "Apr-Jun"\. Skipped: "Cover" \(.*\); "Notes" \(.*\)\./);
    expect(new Set(p.rows.map((row) => row.sheet))).toEqual(new Set(['Jan-Mar', 'Apr-Jun']));
    expect(p.rows.filter((row) => row.sheet === 'Apr-Jun')[0]).toMatchObject({ line: 2 });
    expect(p.rejects).toEqual([{ line: 5, column: 'searchDate', reason: expect.stringMatching(/^sheet "Apr-Jun": /) }]);
  });

  it('imports the log from both sheets and keeps the sheets in the record', async () => {
    const s = await importOk(w.ws, token, split.path, split.request);
    expectWellFormedSummary(s);
    expect(s.sheets?.map((sheet) => [sheet.name, sheet.read, sheet.imported, sheet.rejected])).toEqual([
      ['Cover', 0, 0, 0],
      ['Jan-Mar', 30, 30, 0],
      ['Apr-Jun', 25, 24, 1],
      ['Notes', 0, 0, 0],
    ]);
    const rows = openStore(w.ws)
      .prepare('SELECT source_line, reason FROM vendor_search_audit WHERE import_id = ? ORDER BY id')
      .all(s.importId) as { source_line: number }[];
    expect(rows).toHaveLength(54);
    // looked up again, the record names the sheets read and skipped
    const again = w.ws.call(token, 'import.get', { importId: s.importId });
    expect(again.detection).toBe(s.detection);
    expect(again.detection).toMatch(/Sheets read: "Jan-Mar", "Apr-Jun"/);
    // and still gives each sheet's counts, kept with the record
    expect(again.sheets).toEqual(s.sheets);
    expect(again.rejects).toEqual(s.rejects);
  });

  it('refuses a workbook of two kinds of log, naming the sheets; choosing the vendor imports that kind and skips the other by name', async () => {
    const file = await mixedWorkbook();
    const before = storeState(w.ws, token);
    const refused = await runImport(w.ws, token, file, { vendor: 'auto' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('workbook-mixed');
      expect(refused.error.message).toMatch(
        /"Audit" Flock Safety organization \/ network audit; "Portal" Flock Safety transparency-portal search audit/,
      );
    }
    expect(storeState(w.ws, token)).toEqual(before);

    await expect(preview(file)).rejects.toMatchObject({ code: 'workbook-mixed' });
    expect((await preview(file, { vendor: 'flock-search-audit' })).sheets).toEqual([
      { name: 'Audit', format: null, skipped: expect.stringMatching(/^it is a Flock Safety organization/) },
      { name: 'Portal', format: 'flock-search-audit', skipped: null },
    ]);
    const portal = await importOk(w.ws, token, file, { vendor: 'flock-search-audit' });
    expect(portal).toMatchObject({ format: 'flock-search-audit', read: 2, imported: 2 });
    expect(portal.sheets).toEqual([
      expect.objectContaining({
        name: 'Audit',
        format: null,
        skipped: 'it is a Flock Safety organization / network audit, not a Flock Safety transparency-portal search audit',
      }),
      expect.objectContaining({ name: 'Portal', format: 'flock-search-audit', read: 2, imported: 2 }),
    ]);
    const audit = await importOk(w.ws, token, file, { vendor: 'flock-audit' });
    expect(audit).toMatchObject({ format: 'flock-audit', read: 1, imported: 1 });
  });

  it('a workbook whose sheets match no layout is refused with a sentence per sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cover').addRow(['Public records request 26-114']);
    book.addWorksheet('Empty');
    const file = path.join(dir, 'cover-only.xlsx');
    await book.xlsx.writeFile(file);
    const result = await runImport(w.ws, token, file, { vendor: 'auto' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/No sheet of the workbook matches a known layout\. "Cover": .* "Empty": empty\./);
  });
});
