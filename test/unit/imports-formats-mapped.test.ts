import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PlateReadRow } from '../../src-main/core/imports/rows';
import { mapping, readAll, rejects, rows } from './imports-formats-support';

const FULL = mapping({
  vendor: 'Vigilant',
  columns: {
    plate: 'Plate',
    captureTime: 'Time',
    state: 'State',
    vendorReadId: 'Id',
    camera: 'Camera',
    latitude: 'Lat',
    longitude: 'Lon',
    confidence: 'Conf',
    direction: 'Dir',
    make: 'Make',
    model: 'Model',
    color: 'Colour',
    image: 'Photo',
  },
});
const HEADER = 'Id,Time,Plate,State,Conf,Camera,Lat,Lon,Make,Model,Colour,Dir,Photo\n';

describe('plate reads by column mapping', () => {
  it('reads every mapped column', async () => {
    const items = await readAll(
      'csv',
      `${HEADER}r1,2026-03-10T04:31:52.123456Z, 7abc-12 3 ,ca,0.91,Main & 1st,37.5,-122.25,Toyota,Camry,white,inbound,img/r1.jpg\n`,
      {
        mapping: FULL,
      },
    );
    expect(items).toEqual([
      {
        target: 'plate-reads',
        line: 2,
        vendor: 'Vigilant',
        vendorReadId: 'r1',
        plateRaw: '7abc-12 3',
        plateNorm: '7ABC123',
        state: 'CA',
        capturedAt: Date.UTC(2026, 2, 10, 4, 31, 52, 123),
        capturedText: '2026-03-10T04:31:52.123456Z',
        camera: 'Main & 1st',
        latitude: 37.5,
        longitude: -122.25,
        confidence: 0.91,
        direction: 'inbound',
        make: 'Toyota',
        model: 'Camry',
        color: 'white',
        images: [{ kind: 'context', file: 'img/r1.jpg' }],
      },
    ]);
  });

  it('rejects bad rows with the line, the column and a plain reason, and reads on', async () => {
    const lines = [
      'r1,2026-02-30 12:00,ABC1,CA,0.5,c,1,1,,,,,',
      'r2,2026-03-01T00:00:00Z,,CA,0.5,c,1,1,,,,,',
      'r3,2026-03-01T00:00:00Z,ABC3,CA,0.5,c,123.4,1,,,,,',
      'r4,2031-01-01T00:00:00Z,ABC4,CA,0.5,c,1,1,,,,,',
      'r5,1989-12-31T00:00:00Z,ABC5,CA,0.5,c,1,1,,,,,',
      'r6,2026-03-01T00:00:00Z,ABC6,CA,1.5,c,1,1,,,,,',
      'r7,2026-03-01T00:00:00Z,ABC7,CA,0.5,c,1,-200,,,,,',
      'r8,2026-03-01T00:00:00Z,---,CA,0.5,c,1,1,,,,,',
      'r9,2026-03-01T00:00:00Z,ABC9,CA,0.5,c,north,1,,,,,',
      'r10,2026-03-01T00:00:00Z,GOOD,CA,,c,,,,,,,',
    ];
    const items = await readAll('csv', HEADER + lines.join('\n'), { mapping: FULL });
    expect(rejects(items)).toEqual([
      { line: 2, column: 'Time', reason: 'the capture time "2026-02-30 12:00" is not a calendar date' },
      { line: 3, column: 'Plate', reason: 'no plate' },
      { line: 4, column: 'Lat', reason: 'latitude 123.4 is outside -90..90' },
      { line: 5, column: 'Time', reason: 'the capture time "2031-01-01T00:00:00Z" is in the future' },
      { line: 6, column: 'Time', reason: 'the capture time "1989-12-31T00:00:00Z" is before 1990' },
      { line: 7, column: 'Conf', reason: 'confidence 1.5 is outside 0..1' },
      { line: 8, column: 'Lon', reason: 'longitude -200 is outside -180..180' },
      { line: 9, column: 'Plate', reason: 'the plate "---" has no letters or digits' },
      { line: 10, column: 'Lat', reason: 'latitude "north" is not a number' },
    ]);
    expect(rows<PlateReadRow>(items)).toMatchObject([{ line: 11, plateNorm: 'GOOD', latitude: null, confidence: null, images: [] }]);
  });

  it('allows a time up to a day after now (clock drift), not more', async () => {
    const m = mapping({ columns: { plate: 'Plate', captureTime: 'Time' } });
    const items = await readAll('csv', 'Plate,Time\nA1,2026-04-16T11:00:00Z\nA2,2026-04-16T13:00:00Z\n', { mapping: m });
    expect(items.map((item) => item.line + ('reason' in item ? ' rejected' : ''))).toEqual(['2', '3 rejected']);
  });

  it('reads times without a zone in the import zone, split date and time joined, per-cent confidence and a delimiter', async () => {
    const m = mapping({
      delimiter: ';',
      confidenceScale: 100,
      timeFormat: 'MM/dd/yyyy HH:mm',
      columns: { plate: 'Tag', captureTime: 'Date', captureTimeOfDay: 'Hour', confidence: 'Score' },
    });
    const items = await readAll('csv', 'Tag;Date;Hour;Score\nAB 12;04/01/2026;13:05;87\n', { mapping: m, timezone: 'America/Chicago' });
    expect(rows<PlateReadRow>(items)).toMatchObject([
      { plateNorm: 'AB12', capturedText: '04/01/2026 13:05', capturedAt: Date.UTC(2026, 3, 1, 18, 5), confidence: 0.87, vendor: 'acme' },
    ]);
  });

  it('reads a file without a header by column number', async () => {
    const m = mapping({ hasHeader: false, columns: { plate: '2', captureTime: '1' } });
    const items = await readAll('csv', '2026-01-01T00:00:00Z,ABC1\n2026-01-02T00:00:00Z,ABC2\n', { mapping: m });
    expect(rows<PlateReadRow>(items).map((row) => [row.line, row.plateRaw])).toEqual([
      [1, 'ABC1'],
      [2, 'ABC2'],
    ]);
  });

  it('throws a clear error when no mapping is given', async () => {
    await expect(readAll('csv', 'Plate,Time\n', { fileName: 'reads.csv' })).rejects.toThrow(
      'reads.csv is read through a column mapping, and none was given: choose or save a column mapping',
    );
  });

  it('reads the first sheet of an XLSX workbook, with the row numbers as lines', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Reads');
    sheet.addRow(['Plate', 'Time', 'Lat']);
    sheet.addRow(['ABC123', '2026-01-01T10:00:00Z', 37.5]);
    sheet.addRow(['XYZ9', new Date(Date.UTC(2026, 0, 2, 8, 30)), -33.9]);
    sheet.addRow(['QQ1', '2026-01-01T10:00:00Z', 'far']);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const m = mapping({ columns: { plate: 'Plate', captureTime: 'Time', latitude: 'Lat' } });
    const items = await readAll('csv', bytes, { mapping: m, spreadsheet: true, timezone: 'America/New_York' });
    expect(items).toMatchObject([
      { line: 2, plateRaw: 'ABC123', capturedAt: Date.UTC(2026, 0, 1, 10), latitude: 37.5 },
      // a date cell has no zone: it is wall-clock time in the import's zone
      { line: 3, plateRaw: 'XYZ9', capturedAt: Date.UTC(2026, 0, 2, 13, 30), capturedText: '2026-01-02T08:30:00.000', latitude: -33.9 },
      { line: 4, column: 'Lat', reason: 'latitude "far" is not a number' },
    ]);
  });
});
