import { describe, expect, it } from 'vitest';
import { hotlistMappingSchema, type HotlistFormat, type HotlistMappingInput } from '../../src-main/contract/hotlists';
import { CustodianError } from '../../src-main/core/errors';
import {
  detectHotlist,
  entryPlate,
  isEntry,
  parseDay,
  readHotlist,
  type HotlistItem,
  type HotlistRow,
} from '../../src-main/core/hotlists/formats';
import type { RowReject } from '../../src-main/core/intake/rows';
import { streamOf } from './imports-formats-support';

async function read(
  format: HotlistFormat,
  text: string,
  delimiter = ';',
  mapping?: HotlistMappingInput,
  chunk = 7,
): Promise<HotlistItem[]> {
  const items: HotlistItem[] = [];
  const options = { fileName: 'list.txt', format, delimiter, mapping: mapping && hotlistMappingSchema.parse(mapping) };
  for await (const item of readHotlist(streamOf(text, chunk), options)) items.push(item);
  return items;
}
const entries = (items: HotlistItem[]) => items.filter(isEntry);
const rejects = (items: HotlistItem[]) => items.filter((i): i is RowReject => !isEntry(i));
const detect = (text: string) => detectHotlist(Buffer.from(text), 'list.txt', true);

/** The refusal a call throws (a CustodianError), for its code and sentence. */
function refusal(action: () => unknown): CustodianError {
  try {
    action();
  } catch (error) {
    if (error instanceof CustodianError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const ENTRY_DEFAULTS = { state: null, reason: null, caseNumber: null, alertLevel: null, note: null, effective: null, expires: null };

describe('Genetec hot list and permit files', () => {
  it('reads the six-field, five-field (the formats page example), short and plate-only forms', async () => {
    const text = [
      'Stolen vehicle;CA;7abc-123;2026-01-31;2026-12-31;P-77',
      'QC;DEF228;2012-01-31;2012-05-31;PermitID_1',
      'ABC123;',
      'XYZ 789;nv',
      'LONEPL8',
    ].join('\n');
    const items = await read('genetec', text);
    expect(rejects(items)).toEqual([]);
    expect(entries(items)).toEqual<HotlistRow[]>([
      {
        ...ENTRY_DEFAULTS,
        line: 1,
        plateRaw: '7abc-123',
        plateNorm: '7ABC123',
        partial: false,
        state: 'CA',
        reason: 'Stolen vehicle',
        effective: '2026-01-31',
        expires: '2026-12-31',
        note: 'Permit ID P-77',
      },
      {
        ...ENTRY_DEFAULTS,
        line: 2,
        plateRaw: 'DEF228',
        plateNorm: 'DEF228',
        partial: false,
        state: 'QC',
        effective: '2012-01-31',
        expires: '2012-05-31',
        note: 'Permit ID PermitID_1',
      },
      { ...ENTRY_DEFAULTS, line: 3, plateRaw: 'ABC123', plateNorm: 'ABC123', partial: false },
      { ...ENTRY_DEFAULTS, line: 4, plateRaw: 'XYZ 789', plateNorm: 'XYZ789', partial: false, state: 'NV' },
      { ...ENTRY_DEFAULTS, line: 5, plateRaw: 'LONEPL8', plateNorm: 'LONEPL8', partial: false },
    ]);
  });

  it.each([
    [';', 'semicolons'],
    [':', 'colons'],
    [',', 'commas'],
    ['\t', 'tabs'],
  ])('reads and detects the delimiter %j', async (d, name) => {
    const text = [
      `Wanted${d}CA${d}8XYZ001${d}2026-01-01${d}2026-12-31${d}`,
      `QC${d}DEF228${d}2012-01-31${d}2012-05-31${d}PermitID_1`,
      `ABC123${d}OR`,
    ].join('\r\n');
    const found = detect(text);
    expect(found).toMatchObject({ format: 'genetec', delimiter: d });
    expect(found.description).toContain(name);
    const items = await read('genetec', text, d);
    expect(rejects(items)).toEqual([]);
    expect(entries(items).map((e) => [e.line, e.plateNorm, e.state])).toEqual([
      [1, '8XYZ001', 'CA'],
      [2, 'DEF228', 'QC'],
      [3, 'ABC123', 'OR'],
    ]);
  });

  it('follows a header that names the attributes, in its order', async () => {
    const text = 'PlateNumber;ExpiryDate;PlateState\nABC123;2026-06-30;CA\n';
    expect(detect(text)).toMatchObject({ format: 'genetec', delimiter: ';' });
    expect(entries(await read('genetec', text))).toMatchObject([{ line: 2, plateNorm: 'ABC123', state: 'CA', expires: '2026-06-30' }]);
  });

  it('rejects malformed lines with their line and reason, and reads the rest', async () => {
    const text = [
      'ABC123;CA',
      'ABC124;CA;extra', // 3 fields: no Genetec form
      'Stolen;ABC125;2026-01-01;2026-02-01;P1', // 5 fields, first not a state
      ';CA', // no plate
      'CA;ABC126;2026-02-30;;', // not a calendar date
      'CA;ABC127;2026-05-01;2026-04-01;', // expiry before effective
      'ABC128;California',
      '',
      'AB*;CA', // partial with 2 known characters
      'ABC129;TX',
    ].join('\n');
    const items = await read('genetec', text);
    expect(entries(items).map((e) => [e.line, e.plateNorm])).toEqual([
      [1, 'ABC123'],
      [10, 'ABC129'],
    ]);
    const found = rejects(items);
    expect(found.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(found[0]!.reason).toMatch(/has 3 fields, but a Genetec line has 1 or 2/);
    expect(found[1]).toMatchObject({ column: 'PlateState', reason: expect.stringMatching(/"Stolen" is not a state code/) });
    expect(found[2]).toMatchObject({ column: 'PlateNumber', reason: 'the plate is empty' });
    expect(found[3]).toMatchObject({ column: 'EffectiveDate', reason: 'the effective date 2026-02-30 is not a calendar date' });
    expect(found[4]).toMatchObject({ column: 'ExpiryDate', reason: 'the expiry date 2026-04-01 is before the effective date 2026-05-01' });
    expect(found[5]).toMatchObject({ column: 'PlateState', reason: 'the state California is not a 2-letter state code' });
    expect(found[6]!.reason).toMatch(/has 2 known characters; give at least 3/);
  });

  it('refuses a fixed-width file with a sentence, detected or named', async () => {
    const text = 'ABC123    CA  2026-01-01  2026-12-31\nXYZ789    NV  2026-01-01  2026-12-31\n';
    const error = refusal(() => detect(text));
    expect(error.code).toBe('hotlist-fixed-width');
    expect(error.message).toMatch(/fixed-width.*does not read fixed-width files: export the list from Genetec with a delimiter/);
    await expect(read('genetec', text)).rejects.toMatchObject({ code: 'hotlist-fixed-width' });
  });

  it('reads a partial plate with * and ? as a partial entry', async () => {
    const items = await read('genetec', 'ab?12*;CA\n');
    expect(entries(items)).toMatchObject([{ plateNorm: 'AB?12*', partial: true, state: 'CA' }]);
  });
});

describe('Vigilant-style CSV', () => {
  it('needs Hot Plate, State and Alert, and reads the recognised optional columns', async () => {
    const text = [
      'Hot Plate, State, Alert, Reason, Case Number, Expiration Date, Notes, Agency',
      '7ABC123,CA,High,Stolen vehicle,26-1001,12/31/2026,"Silver sedan, dent",PPD',
      '8XYZ001,nv,low,,,,,',
      ',CA,Medium,,,,,',
      'ZZZ999,CA,Urgent,,,,,',
      '1AAA111,CA,Medium,,,2026-13-01,,',
    ].join('\n');
    const found = detect(text);
    expect(found).toMatchObject({ format: 'vigilant', delimiter: ',' });
    expect(found.description).toMatch(/the columns Agency are not read/);
    const items = await read('vigilant', text, ',');
    expect(entries(items)).toEqual<HotlistRow[]>([
      {
        ...ENTRY_DEFAULTS,
        line: 2,
        plateRaw: '7ABC123',
        plateNorm: '7ABC123',
        partial: false,
        state: 'CA',
        alertLevel: 'high',
        reason: 'Stolen vehicle',
        caseNumber: '26-1001',
        expires: '2026-12-31',
        note: 'Silver sedan, dent',
      },
      { ...ENTRY_DEFAULTS, line: 3, plateRaw: '8XYZ001', plateNorm: '8XYZ001', partial: false, state: 'NV', alertLevel: 'low' },
    ]);
    expect(rejects(items)).toEqual([
      { line: 4, column: 'Hot Plate', reason: 'the plate is empty' },
      { line: 5, column: 'Alert', reason: 'the alert level Urgent is not Low, Medium or High' },
      { line: 6, column: 'Expiration Date', reason: 'the expiry date 2026-13-01 is not a calendar date' },
    ]);
  });

  it('refuses a header without the required columns, naming them', async () => {
    await expect(read('vigilant', 'Hot Plate,Alert\nABC123,High\n', ',')).rejects.toThrow(/its header lacks State/);
  });

  it('rejects a row with the wrong number of cells, naming both counts', async () => {
    const items = await read('vigilant', 'Hot Plate,State,Alert\nABC123,CA\nABC124,CA,Low\n', ',');
    expect(rejects(items)).toEqual([{ line: 2, column: null, reason: 'the row has 2 cells but the header has 3' }]);
    expect(entries(items).map((e) => e.line)).toEqual([3]);
  });
});

describe('CSV through a hot-list mapping', () => {
  const NCIC: HotlistMappingInput = {
    delimiter: '|',
    columns: { plate: 'LIC', state: 'LIS', reason: 'MKE', caseNumber: 'OCA', expires: 'LIY', note: 'MIS' },
  };

  it('reads the mapped columns by header name', async () => {
    const text = 'NIC|LIC|LIS|LIY|MKE|OCA|MIS\nV123|4ABC567|CA|2027-01-31|STOLEN VEHICLE|PD26-14|blue pickup\nV124||CA|||X|\n';
    const items = await read('mapped', text, '|', NCIC);
    expect(entries(items)).toMatchObject([
      {
        line: 2,
        plateNorm: '4ABC567',
        state: 'CA',
        expires: '2027-01-31',
        reason: 'STOLEN VEHICLE',
        caseNumber: 'PD26-14',
        note: 'blue pickup',
      },
    ]);
    expect(rejects(items)).toEqual([{ line: 3, column: 'LIC', reason: 'the plate is empty' }]);
  });

  it('reads columns by number when the file has no header', async () => {
    const items = await read('mapped', '4ABC567,CA\n5DEF678,NV\n', ',', { hasHeader: false, columns: { plate: '1', state: '2' } });
    expect(entries(items).map((e) => [e.line, e.plateNorm, e.state])).toEqual([
      [1, '4ABC567', 'CA'],
      [2, '5DEF678', 'NV'],
    ]);
  });

  it('refuses a mapping that names a column the file lacks', async () => {
    await expect(read('mapped', 'PLATE,ST\nABC123,CA\n', ',', { columns: { plate: 'LIC' } })).rejects.toThrow(
      /reads the column "LIC" \(plate\), which list.txt does not have; its columns are PLATE, ST/,
    );
  });
});

describe('detection', () => {
  it('never guesses an unknown layout: it says what it found and asks for a mapping', () => {
    const error = refusal(() => detect('LIC,LIS,LIY,MKE\n4ABC567,CA,2027-01-31,STOLEN\n'));
    expect(error.code).toBe('hotlist-layout-unknown');
    expect(error.message).toMatch(/starts with a header \(LIC, LIS, LIY, MKE\)\. This is not a hot-list layout Custodian knows/);
    expect(error.message).toMatch(/Save a hot-list mapping/);
  });

  it('refuses lines that do not read as Genetec entries', () => {
    const error = refusal(() => detect('some,free,text\nmore,words,here\n'));
    expect(error.code).toBe('hotlist-layout-unknown');
    expect(error.message).toMatch(/do not read as Genetec entries/);
  });

  it('refuses binary and empty files', () => {
    expect(refusal(() => detectHotlist(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]), 'l.zip', true)).message).toMatch(/ZIP/);
    expect(refusal(() => detectHotlist(Buffer.alloc(0), 'l.txt', true)).code).toBe('hotlist-empty');
  });

  it('detects a file of bare plates as Genetec in its shortest form', () => {
    expect(detect('ABC123\nXYZ789\n')).toMatchObject({ format: 'genetec', description: expect.stringMatching(/one plate per line/) });
  });
});

describe('plates and days', () => {
  it.each([
    ['7abc 123', { plateNorm: '7ABC123', partial: false }],
    ['ab?12*', { plateNorm: 'AB?12*', partial: true }],
    ['*7X4**', { plateNorm: '*7X4*', partial: true }],
    ['--', 'the plate -- holds no letters or digits'],
    ['A*B', 'the partial plate A*B has 2 known characters; give at least 3, or it would match a large share of all reads'],
    ['ABCDEFGHIJKLM', 'the plate ABCDEFGHIJKLM is longer than any plate (12 characters)'],
  ])('entryPlate(%j)', (raw, expected) => expect(entryPlate(raw)).toEqual(expected));

  it.each([
    ['2026-05-31', '2026-05-31'],
    ['2026-05-31T23:30:00-08:00', '2026-05-31'],
    ['5/31/2026', '2026-05-31'],
    ['2026-02-29', { problem: '2026-02-29 is not a calendar date' }],
    ['tomorrow', { problem: 'tomorrow is not a date (write 2026-05-31)' }],
  ])('parseDay(%j)', (text, expected) => expect(parseDay(text)).toEqual(expected));
});
