import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../src-main/contract/imports';
import { READERS } from '../../src-main/core/imports/formats';
import { mapping, NOW } from './imports-formats-support';

/**
 * Streaming: a reader hands out a row as soon as its bytes have arrived, long before the
 * file ends, so memory never holds the file.
 */
async function firstBeforeEnd(format: ImportFormat, start: string, rest: string, options = {}): Promise<void> {
  const input = new PassThrough();
  input.write(start);
  const iterator = READERS[format].read(input, { timezone: 'UTC', now: NOW, fileName: 'f', ...options })[Symbol.asyncIterator]();
  const first = await iterator.next();
  expect(first.done).toBe(false);
  expect(input.writableEnded).toBe(false);
  input.end(rest);
  let count = 1;
  while (!(await iterator.next()).done) count++;
  expect(count).toBe(2);
}

describe('readers stream', () => {
  const time = '2026-01-01T00:00:00Z';
  it('CSV', async () => {
    const m = mapping({ columns: { plate: 'Plate', captureTime: 'Time' } });
    await firstBeforeEnd('csv', `Plate,Time\nA1,${time}\n`, `A2,${time}\n`, { mapping: m });
  });

  it('JSON', async () => {
    const read = (id: string) => `{"id":"${id}","capturedAt":"${time}","plate":"A${id}"}`;
    await firstBeforeEnd('flock-reads', `[${read('1')},`, `${read('2')}]`);
  });

  it('XML', async () => {
    const read = (plate: string) => `<Read><Plate>${plate}</Plate><UTCDate>2026:01:01</UTCDate><UTCTime>00:00:00.000</UTCTime></Read>`;
    await firstBeforeEnd('genetec', `<Reads>${read('A1')}`, `${read('A2')}</Reads>`);
  });
});
