import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FLOCK_SEARCH_AUDIT_SAMPLE } from '../support/shared-files';
import type { VendorAuditRow, VendorEventRow, VendorSearchAuditRow } from '../../src-main/core/imports/rows';
import { isWithheld } from '../../src-main/core/intake/redaction';
import { readAll, rejects, rows } from './imports-formats-support';

const FULL_HEADER =
  'ID, Name, Org Name, Total Networks Searched, Total Devices Searched, Time Frame, License Plate, Reason, Case #, Filters, Search Time, Search Type, Text Prompt, Moderation';
const TWO_LINE_FRAME = '"11/07/2025, 09:53:36 AM UTC\n11/14/2025, 09:53:36 AM UTC"';

describe('Flock organization / network audit', () => {
  it('reads the 14-column layout with leading-space headers and a two-line Time Frame', async () => {
    const csv = `${FULL_HEADER}\na1,J. Smith,Anytown PD,12,——,${TWO_LINE_FRAME},Z*0028*,stolen vehicle,2025-001,,"11/14/2025, 9:53:36 AM UTC",lookup - Mobile,,allow\n`;
    const items = await readAll('flock-audit', csv);
    expect(items).toEqual([
      {
        target: 'vendor-audit',
        line: 2,
        vendorEntryId: 'a1',
        name: 'J. Smith',
        orgName: 'Anytown PD',
        networksSearched: 12,
        devicesSearched: null,
        timeFrameStart: Date.UTC(2025, 10, 7, 9, 53, 36),
        timeFrameEnd: Date.UTC(2025, 10, 14, 9, 53, 36),
        timeFrameText: '11/07/2025, 09:53:36 AM UTC\n11/14/2025, 09:53:36 AM UTC',
        plate: 'Z*0028*',
        plateHasWildcard: true,
        reason: 'stolen vehicle',
        caseNumber: '2025-001',
        filters: null,
        offenseType: null,
        searchedAt: Date.UTC(2025, 10, 14, 9, 53, 36),
        searchedText: '11/14/2025, 9:53:36 AM UTC',
        searchType: 'lookup - Mobile',
        textPrompt: null,
        moderation: 'allow',
        withheld: [],
        cells: expect.objectContaining({ ID: 'a1', 'Total Devices Searched': '——', 'License Plate': 'Z*0028*' }),
      },
    ]);
  });

  it('counts lines past the two-line Time Frame', async () => {
    const row = `,A,B,1,2,${TWO_LINE_FRAME},ABC,r,c,,"11/14/2025, 09:53:36 AM UTC",search,,`;
    const items = await readAll('flock-audit', `${FULL_HEADER}\n${row}\n${row}\n`);
    expect(items.map((item) => item.line)).toEqual([2, 4]);
  });

  it('reads the 13- and 11-column variants, any order, any case, "to" Time Frames, Offense Type and split date and time', async () => {
    const csv =
      'name,LICENSE PLATE,reason,case #,time frame,total networks searched,search date,search time,search type,offense type,org name\n' +
      'A. B,ABC123,inv,,11/01/2025 UTC to 11/02/2025 UTC,3,11/14/2025,09:53:36 AM UTC,search,Theft,X PD\n';
    const [row] = rows<VendorAuditRow>(await readAll('flock-audit', csv));
    expect(row).toMatchObject({
      name: 'A. B',
      plate: 'ABC123',
      plateHasWildcard: false,
      networksSearched: 3,
      devicesSearched: null,
      timeFrameStart: Date.UTC(2025, 10, 1),
      timeFrameEnd: Date.UTC(2025, 10, 2),
      searchedText: '11/14/2025 09:53:36 AM UTC',
      searchedAt: Date.UTC(2025, 10, 14, 9, 53, 36),
      offenseType: 'Theft',
      orgName: 'X PD',
      textPrompt: null,
    });
  });

  it('reads older files without a header in the given order, cells by column number', async () => {
    const csv = `J. Smith,Anytown PD,12,40,${TWO_LINE_FRAME},ABC123,inv,C-1,,"11/14/2025, 09:53:36 AM UTC",lookup\n`;
    const [row] = rows<VendorAuditRow>(await readAll('flock-audit', csv));
    expect(row).toMatchObject({
      line: 1,
      name: 'J. Smith',
      orgName: 'Anytown PD',
      devicesSearched: 40,
      plate: 'ABC123',
      searchType: 'lookup',
      vendorEntryId: null,
    });
    expect(row!.cells).toMatchObject({ '1': 'J. Smith', '11': 'lookup' });
  });

  it('marks redacted cells withheld (not empty), and keeps duplicate IDs', async () => {
    const frame = '11/01/2025 UTC to 11/02/2025 UTC';
    const csv =
      `${FULL_HEADER}\n` +
      `d1,***,REDACTED,1,1,${frame},[REDACTED],GC 6254(f),###,,"11/14/2025, 09:53:36 AM UTC",search,* * *,allow\n` +
      `d1,Cal. Gov. Code § 7923.600,PD,1,1,${frame},PC 832.7,,,,"11/14/2025, 09:53:36 AM UTC",search,,\n`;
    const [first, second] = rows<VendorAuditRow>(await readAll('flock-audit', csv));
    expect(first).toMatchObject({
      vendorEntryId: 'd1',
      name: null,
      orgName: null,
      plate: null,
      reason: null,
      caseNumber: null,
      textPrompt: null,
    });
    expect(first!.withheld).toEqual(['Name', 'Org Name', 'License Plate', 'Reason', 'Case #', 'Text Prompt']);
    expect(first!.cells['License Plate']).toBe('[REDACTED]');
    expect(second).toMatchObject({ vendorEntryId: 'd1', withheld: ['Name', 'License Plate'], caseNumber: null });
  });

  it('rejects a row whose cell cannot be stored, naming the column', async () => {
    const csv =
      `${FULL_HEADER}\n` +
      `e1,A,B,many,1,11/01/2025 UTC to 11/02/2025 UTC,ABC,r,c,,"11/14/2025, 09:53:36 AM UTC",search,,\n` +
      `e2,A,B,1,1,sometime,ABC,r,c,,"11/14/2025, 09:53:36 AM UTC",search,,\n` +
      `e3,A,B,1,1,11/01/2025 UTC to 11/02/2025 UTC,ABC,r,c,,"2/30/2026, 09:53:36 AM UTC",search,,\n` +
      `e4,A,B,1,1,11/01/2025 UTC to 11/02/2025 UTC,ABC,r,c,,"1/1/2031, 09:53:36 AM UTC",search,,\n`;
    expect(rejects(await readAll('flock-audit', csv))).toEqual([
      { line: 2, column: 'Total Networks Searched', reason: 'Total Networks Searched "many" is not a whole number' },
      { line: 3, column: 'Time Frame', reason: 'the Time Frame "sometime" is not a start and an end time' },
      { line: 4, column: 'Search Time', reason: 'the Search Time 2/30/2026, 09:53:36 AM UTC is not a calendar date' },
      { line: 5, column: 'Search Time', reason: 'the Search Time 1/1/2031, 09:53:36 AM UTC is in the future' },
    ]);
  });

  it("reads times that lost their UTC in the import's zone, and keeps the ones that say UTC", async () => {
    const csv = `${FULL_HEADER}\na1,J. Smith,Anytown PD,12,3,"07/01/2025, 09:00:00 AM\n07/02/2025, 09:00:00 AM UTC",ABC,inv,,,"7/2/2025, 9:53:36 AM",lookup,,\n`;
    const [row] = rows<VendorAuditRow>(await readAll('flock-audit', csv, { timezone: 'America/Los_Angeles' }));
    expect(row).toMatchObject({
      timeFrameStart: Date.UTC(2025, 6, 1, 16),
      timeFrameEnd: Date.UTC(2025, 6, 2, 9),
      searchedAt: Date.UTC(2025, 6, 2, 16, 53, 36),
    });
  });

  it('refuses a file that is no audit', async () => {
    await expect(readAll('flock-audit', 'a,b,c\n1,2,3\n', { fileName: 'x.csv' })).rejects.toThrow(/x.csv is not a Flock audit/);
  });

  it('reads an XLSX release', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Audit');
    sheet.addRow([' ID', ' Name', ' License Plate', ' Reason', ' Search Time', ' Time Frame']);
    sheet.addRow(['x1', 'A', 'ABC', 'inv', '11/14/2025, 09:53:36 AM UTC', '11/01/2025 UTC\n11/02/2025 UTC']);
    const items = await readAll('flock-audit', Buffer.from(await workbook.xlsx.writeBuffer()), { spreadsheet: true });
    expect(rows<VendorAuditRow>(items)).toMatchObject([
      { line: 2, vendorEntryId: 'x1', timeFrameEnd: Date.UTC(2025, 10, 2), searchedAt: Date.UTC(2025, 10, 14, 9, 53, 36) },
    ]);
  });
});

describe('redaction markers', () => {
  it('knows markers and records-law citations, and leaves wildcards and reasons alone', () => {
    for (const cell of [
      '***',
      'REDACTED',
      '[REDACTED]',
      '###',
      '* * *',
      'GC 6254(f)',
      'Cal. Gov. Code § 7923.600',
      'PC 832.7',
      '5 U.S.C. 552(b)(7)(C)',
    ]) {
      expect(isWithheld(cell), cell).toBe(true);
    }
    for (const cell of ['Z*0028*', 'PC 10851', 'investigation', '', '*', 'ABC#123']) expect(isWithheld(cell), cell).toBe(false);
  });
});

describe('Flock event log', () => {
  it('reads ISO and serial timestamps and the Key: value details', async () => {
    const csv =
      'Timestamp,User,Event Type,Entity Type,Entity Details,Event Id\n' +
      '2026-03-01T10:00:00Z,jsmith,Created,Hotlist Entry,"Hotlist Name: Stolen\nLicense: ABC123\nState: CA\nReason: stolen",ev1\n' +
      '46000.5,***,Shared,Network,"Network Name: County\nPermissions: read",ev2\n' +
      '2026-02-30T10:00:00Z,x,y,z,,ev3\n';
    const items = await readAll('flock-events', csv);
    expect(rows<VendorEventRow>(items)).toMatchObject([
      {
        line: 2,
        vendorEventId: 'ev1',
        occurredAt: Date.UTC(2026, 2, 1, 10),
        user: 'jsmith',
        entityType: 'Hotlist Entry',
        details: { 'Hotlist Name': 'Stolen', License: 'ABC123', State: 'CA', Reason: 'stolen' },
      },
      {
        line: 6,
        occurredAt: Date.UTC(2025, 11, 9, 12),
        occurredText: '46000.5',
        user: null,
        withheld: ['User'],
        details: { 'Network Name': 'County' },
      },
    ]);
    expect(rejects(items)).toEqual([{ line: 8, column: 'Timestamp', reason: 'the Timestamp 2026-02-30T10:00:00Z is not a calendar date' }]);
  });
});

describe('Flock transparency-portal search audit', () => {
  it('imports the real sample: 11 rows, user ids withheld', async () => {
    const items = await readAll('flock-search-audit', fs.readFileSync(FLOCK_SEARCH_AUDIT_SAMPLE));
    expect(rejects(items)).toEqual([]);
    const found = rows<VendorSearchAuditRow>(items);
    expect(found).toHaveLength(11);
    expect(found[0]).toMatchObject({
      line: 2,
      vendorEntryId: '2423221c-ac64-41d4-867e-8ac686507af0',
      userId: null,
      withheld: ['userId'],
      searchedAt: Date.parse('2026-03-10T04:31:52.901Z'),
      networkCount: 2,
      reason: 'Investigation',
    });
    expect(found[10]).toMatchObject({ line: 12, networkCount: 449, reason: 'Stolen' });
  });
});
