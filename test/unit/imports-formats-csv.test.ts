import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvItem } from '../../src-main/core/intake/csv';
import { mapping, readAll, rejects, rows } from './imports-formats-support';
import type { PlateReadRow } from '../../src-main/core/imports/rows';

function tokenize(text: string, chunk = text.length || 1, max?: number): CsvItem[] {
  const tokenizer = new CsvTokenizer(',', max);
  const out: CsvItem[] = [];
  for (let at = 0; at < text.length; at += chunk) tokenizer.push(text.slice(at, at + chunk), out);
  tokenizer.end(out);
  return out;
}

const SIMPLE = mapping({ columns: { plate: 'Plate', captureTime: 'Time' } });

describe('CSV tokenizer', () => {
  it('gives every record the line it starts on, across quoted line breaks, blank lines and CRLF', () => {
    const text = 'a,b\r\n"1\r\nstill 1",x\r\n\r\n2,"y ""quoted"""\r\n3,z';
    for (const chunk of [1, 2, 3, 7, text.length]) {
      expect(tokenize(text, chunk)).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1\r\nstill 1', 'x'] },
        { line: 5, fields: ['2', 'y "quoted"'] },
        { line: 6, fields: ['3', 'z'] },
      ]);
    }
  });

  it('keeps empty trailing cells and quotes inside unquoted cells', () => {
    expect(tokenize('a,,\nab"c,d,\n')).toEqual([
      { line: 1, fields: ['a', '', ''] },
      { line: 2, fields: ['ab"c', 'd', ''] },
    ]);
  });

  it('turns a quote never closed at the end into one reject at the line it opened, after the good rows', () => {
    const items = tokenize('a,b\n1,2\n3,"never closed\n4,5\n', 4);
    expect(items).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, column: null, reason: expect.stringContaining('never closed') },
    ]);
  });

  it('rejects text after a closing quote and reads on', () => {
    expect(tokenize('"ab"c,d\ne,f\n')).toEqual([
      { line: 1, column: null, reason: 'a quoted cell has text after its closing quote' },
      { line: 2, fields: ['e', 'f'] },
    ]);
  });

  it('rejects a record over the size limit once, skips to its end and carries on (quoted and unquoted)', () => {
    const big = 'x'.repeat(5000);
    const text = `a,b\n1,"${big}\n${big}"\n2,${big}\n3,ok\n`;
    const items = tokenize(text, 256, 1000);
    expect(items).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, column: null, reason: expect.stringContaining('it was skipped') },
      { line: 4, column: null, reason: expect.stringContaining('it was skipped') },
      { line: 5, fields: ['3', 'ok'] },
    ]);
  });
});

describe('CSV files through a mapping', () => {
  it('reads a 10 MB single cell without crashing: one reject, and the rows after it', async () => {
    const text = `Plate,Time\n"${'A'.repeat(10 * 1024 * 1024)}",2026-01-01T00:00:00Z\nABC123,2026-01-01T00:00:00Z\n`;
    const items = await readAll('csv', text, { mapping: SIMPLE });
    expect(rejects(items)).toEqual([{ line: 2, column: null, reason: expect.stringMatching(/over 1 MB.*skipped/) }]);
    expect(rows<PlateReadRow>(items).map((row) => [row.line, row.plateRaw])).toEqual([[3, 'ABC123']]);
  });

  it('strips a byte-order mark and reads CRLF', async () => {
    const items = await readAll('csv', '\uFEFFPlate,Time\r\nABC123,2026-01-01T00:00:00Z\r\n', { mapping: SIMPLE });
    expect(rows<PlateReadRow>(items)).toMatchObject([{ line: 2, plateRaw: 'ABC123' }]);
  });

  it('gives no items for an empty file or a header alone', async () => {
    expect(await readAll('csv', '', { mapping: SIMPLE })).toEqual([]);
    expect(await readAll('csv', 'Plate,Time\n', { mapping: SIMPLE })).toEqual([]);
    expect(await readAll('csv', 'Plate,Time', { mapping: SIMPLE })).toEqual([]);
  });

  it('reads a truncated last line: the rows before come out, the short row is rejected by its cell count', async () => {
    const items = await readAll('csv', 'Plate,Time,Camera\nABC123,2026-01-01T00:00:00Z,cam 1\nXYZ9,2026-01-0', { mapping: SIMPLE });
    expect(rows<PlateReadRow>(items).map((row) => row.plateRaw)).toEqual(['ABC123']);
    expect(rejects(items)).toEqual([{ line: 3, column: null, reason: 'the row has 2 cells but the header has 3' }]);
  });

  it('rejects rows longer than the header, naming both counts, but not trailing empty cells', async () => {
    const items = await readAll('csv', 'Plate,Time\nA1,2026-01-01T00:00:00Z,extra\nB2,2026-01-01T00:00:00Z,,\n,,\n', { mapping: SIMPLE });
    expect(rejects(items)).toEqual([{ line: 2, column: null, reason: 'the row has 3 cells but the header has 2' }]);
    expect(rows<PlateReadRow>(items).map((row) => row.plateRaw)).toEqual(['B2']);
  });

  it('refuses a header that names a column twice', async () => {
    await expect(readAll('csv', 'Plate,Time,plate\nA,2026-01-01T00:00:00Z,B\n', { mapping: SIMPLE })).rejects.toThrow(
      'The header names the column "plate" twice (columns 1 and 3); rename one and import again.',
    );
  });

  it('refuses binary garbage with one clear error', async () => {
    const garbage = Buffer.from([0x00, 0x9f, 0x12, 0x00, 0xff, 0x01, 0x02, 0x03]);
    await expect(readAll('csv', garbage, { mapping: SIMPLE, fileName: 'photo.bin' })).rejects.toThrow(
      'photo.bin is not a CSV file: it holds binary data (NUL bytes).',
    );
  });

  it('says what is wrong when the mapping names a column the file lacks (a wrong delimiter, say)', async () => {
    await expect(readAll('csv', 'Plate;Time\nA;2026-01-01T00:00:00Z\n', { mapping: SIMPLE, fileName: 'reads.csv' })).rejects.toThrow(
      'The mapping reads the column "Plate" (plate), which reads.csv does not have; its columns are Plate;Time. Check the mapping and its delimiter.',
    );
  });
});
