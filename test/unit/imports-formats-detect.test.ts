import { describe, expect, it } from 'vitest';
import { FLOCK_SEARCH_AUDIT_SAMPLE } from '../support/shared-files';
import { detectFormat, suggestMapping } from '../../src-main/core/imports/formats';
import { sheetHeader } from '../../src-main/core/intake/xlsx';
import { normalisePlate } from '../../src-main/core/reads/plates';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { openWorkbookBytes } from './imports-formats-support';

const detect = (text: string | Buffer, name = 'export.csv', header?: string[]) =>
  detectFormat(typeof text === 'string' ? Buffer.from(text) : text, name, header);

describe('format detection', () => {
  it('detects the real transparency-portal sample', () => {
    expect(detect(fs.readFileSync(FLOCK_SEARCH_AUDIT_SAMPLE))).toEqual({
      format: 'flock-search-audit',
      detection: 'Detected a Flock transparency-portal search audit (CSV separated by commas): 5 columns with a header.',
      columns: ['id', 'userId', 'searchDate', 'networkCount', 'reason'],
      delimiter: ',',
    });
  });

  it('names the Flock audit variant it found', () => {
    const thirteen =
      '\uFEFFID, Name, Org Name, Total Networks Searched, Time Frame, License Plate, Reason, Case #, Filters, Search Time, Search Type, Text Prompt, Moderation\n';
    expect(detect(thirteen)).toMatchObject({
      format: 'flock-audit',
      detection: 'Detected a Flock network audit (CSV separated by commas): 13 columns with a header (no Total Devices Searched).',
      columns: [
        'ID',
        'Name',
        'Org Name',
        'Total Networks Searched',
        'Time Frame',
        'License Plate',
        'Reason',
        'Case #',
        'Filters',
        'Search Time',
        'Search Type',
        'Text Prompt',
        'Moderation',
      ],
    });
    expect(
      detect(
        'ID,Name,Total Networks Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Date,Search Time,Search Type,Offense Type\n',
      ).detection,
    ).toBe(
      'Detected a Flock organization audit (CSV separated by commas): 12 columns with a header (no Total Devices Searched; no Text Prompt or Moderation; with Offense Type; Search Date and Search Time in separate columns).',
    );
    const headerless =
      'J. Smith,Anytown PD,12,40,"11/07/2025, 09:53:36 AM UTC\n11/14/2025, 09:53:36 AM UTC",ABC123,inv,C-1,,"11/14/2025, 09:53:36 AM UTC",lookup\n';
    expect(detect(headerless)).toMatchObject({
      format: 'flock-audit',
      detection: expect.stringMatching(/^Detected a Flock audit without a header row/),
    });
  });

  it('detects event logs, also from a workbook header', () => {
    expect(detect('Timestamp,User,Event Type,Entity Type,Entity Details,Event Id\n').format).toBe('flock-events');
    expect(
      detect(Buffer.from('PK\u0003\u0004rest'), 'log.xlsx', [
        'Timestamp',
        'User',
        'Event Type',
        'Entity Type',
        'Entity Details',
        'Event Id',
      ]),
    ).toMatchObject({
      format: 'flock-events',
      detection: 'Detected a Flock event log (workbook): 6 columns with a header.',
    });
  });

  it('tells Flock JSON, Rekor JSON and Genetec XML apart by shape', () => {
    expect(detect('[{"id":"r1","capturedAt":"2026-01-01T00:00:00Z","device":{}}]')).toMatchObject({
      format: 'flock-reads',
      detection: 'Detected Flock plate reads (API v3 shape: capturedAt, device, plate) in a JSON array.',
    });
    expect(detect('{"reads":[{"capturedAt":"x","plate":{}}]}').detection).toBe(
      'Detected Flock plate reads (API v3 shape: capturedAt, device, plate) in a JSON object\'s "reads" list.',
    );
    expect(detect('{"data_type":"alpr_group","best_plate_number":"A"}\n{"data_type":"alpr_group"}\n')).toEqual({
      format: 'rekor',
      detection: 'Detected Rekor / OpenALPR reads (alpr_group) in JSON Lines.',
      columns: [],
    });
    expect(detect('<?xml version="1.0"?><Reads><Read><Plate>A</Plate><UTCDate>2026:01:01</UTCDate></Read></Reads>', 'r.xml').format).toBe(
      'genetec',
    );
    expect(detect('{"hello":1}').format).toBeNull();
  });

  it('asks for a mapping for an unknown layout instead of guessing', () => {
    expect(detect('Plate;Time;Cam\nABC;2026-01-01;1\n')).toEqual({
      format: null,
      detection: 'The columns (Plate, Time, Cam) look like plate reads but match no known layout; choose or save a column mapping.',
      columns: ['Plate', 'Time', 'Cam'],
      delimiter: ';',
    });
    expect(detect('a,b\n1,2\n').detection).toBe('The columns (a, b) match no known layout; choose or save a column mapping.');
  });

  it('says so for empty, binary and duplicate-header files', () => {
    expect(detect('', 'e.csv')).toEqual({ format: null, detection: 'e.csv is empty.', columns: [] });
    expect(detect(Buffer.from([0, 1, 2, 3, 0, 255]), 'x.csv').detection).toBe(
      'x.csv is not a CSV, JSON or XML export (it holds binary data (NUL bytes)).',
    );
    expect(detect('Plate,Time,Plate\n').detection).toBe(
      'The header names the column "Plate" twice (columns 1 and 3); rename one and import again.',
    );
  });

  it('reads a header cut at the 64 KB head', () => {
    const head = Buffer.from(`Plate,Time\n${'ABC,2026-01-01T00:00:00Z\n'.repeat(3000)}`).subarray(0, 64 * 1024);
    expect(detect(head).columns).toEqual(['Plate', 'Time']);
  });

  it("reads a workbook's header row", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow([' Name', 'License Plate', 'Search Time']);
    const opened = await openWorkbookBytes(Buffer.from(await workbook.xlsx.writeBuffer()));
    const header = await sheetHeader(opened, opened.sheets[0]!, 'book.xlsx').finally(() => opened.close());
    expect(header).toEqual([' Name', 'License Plate', 'Search Time']);
  });
});

describe('suggested mappings', () => {
  it('matches common header names', () => {
    expect(
      suggestMapping(
        [
          'Read ID',
          'License Plate',
          'Plate State',
          'Timestamp',
          'Camera Name',
          'Camera Id',
          'Lat',
          'Lng',
          'Confidence',
          'Heading',
          'Make',
          'Model',
          'Colour',
          'Photo',
        ],
        'Vigilant',
      ),
    ).toEqual({
      vendor: 'Vigilant',
      delimiter: ',',
      hasHeader: true,
      confidenceScale: 1,
      columns: {
        plate: 'License Plate',
        captureTime: 'Timestamp',
        state: 'Plate State',
        vendorReadId: 'Read ID',
        camera: 'Camera Name',
        latitude: 'Lat',
        longitude: 'Lng',
        confidence: 'Confidence',
        direction: 'Heading',
        make: 'Make',
        model: 'Model',
        color: 'Colour',
        image: 'Photo',
      },
    });
  });

  it('pairs a date column with a time column, and gives null without a plate or a time', () => {
    expect(suggestMapping(['Tag', 'Date', 'Time'])?.columns).toEqual({ plate: 'Tag', captureTime: 'Date', captureTimeOfDay: 'Time' });
    expect(suggestMapping(['Tag', 'Camera'])).toBeNull();
    expect(suggestMapping(['When', 'Time'])).toBeNull();
  });
});

describe('normalisePlate', () => {
  it('upper-cases and keeps only letters and digits', () => {
    expect(normalisePlate(' 7abc-12 3.')).toBe('7ABC123');
    expect(normalisePlate('ab·12')).toBe('AB12');
  });
});
