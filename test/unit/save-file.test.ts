import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeFileName, writeFileFromSink } from '../../src-main/electron/save-file';
import { removeTempFolders, tempFolder } from '../support/temp';

afterEach(removeTempFolders);

describe('saving a download to the chosen file', () => {
  it('writes every chunk, flushes, and returns what the producer returned', async () => {
    const target = path.join(tempFolder('save'), 'audit.csv');
    const summary = await writeFileFromSink(target, async (sink) => {
      sink('seq,at\n');
      await new Promise((resolve) => setImmediate(resolve));
      sink('1,2026-11-29\n');
      return { entries: 1 };
    });
    expect(summary).toEqual({ entries: 1 });
    expect(fs.readFileSync(target, 'utf8')).toBe('seq,at\n1,2026-11-29\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['audit.csv']);
  });

  it.skipIf(process.platform === 'win32')('makes the file readable by its owner only', async () => {
    const target = path.join(tempFolder('save'), 'audit.csv');
    await writeFileFromSink(target, async (sink) => sink('x'));
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('on a failure leaves no partial file, and a file it was to replace untouched', async () => {
    const dir = tempFolder('save');
    const target = path.join(dir, 'audit.csv');
    fs.writeFileSync(target, 'the earlier export');
    await expect(
      writeFileFromSink(target, async (sink) => {
        sink('half of it');
        throw new Error('the gate refused');
      }),
    ).rejects.toThrow('the gate refused');
    expect(fs.readFileSync(target, 'utf8')).toBe('the earlier export');
    expect(fs.readdirSync(dir)).toEqual(['audit.csv']);
  });

  it('replaces an existing file once the new content is complete', async () => {
    const target = path.join(tempFolder('save'), 'audit.json');
    fs.writeFileSync(target, 'old');
    await writeFileFromSink(target, async (sink) => sink('new'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('keeps multi-byte text intact', async () => {
    const target = path.join(tempFolder('save'), 'names.csv');
    await writeFileFromSink(target, async (sink) => ['Zoë ', 'Ōtsuka ', '✓'].forEach(sink));
    expect(fs.readFileSync(target, 'utf8')).toBe('Zoë Ōtsuka ✓');
  });
});

describe('the name offered in the save dialog', () => {
  it.each([
    ['audit-2026-11-29.csv', 'audit-2026-11-29.csv'],
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows\\system32.csv', 'C-Windows-system32.csv'],
    ['a<b>c:d"e|f?g*h.json', 'a-b-c-d-e-f-g-h.json'],
    ['line\nbreak.csv', 'line-break.csv'],
    ['.hidden', 'hidden'],
    ['   ', 'custodian-export'],
    ['', 'custodian-export'],
  ])('%j becomes %j', (given, expected) => {
    expect(safeFileName(given)).toBe(expected);
  });

  it('uses a plain name when given something that is not text, and keeps long names short', () => {
    expect(safeFileName(undefined)).toBe('custodian-export');
    expect(safeFileName({ toString: () => 'x' })).toBe('custodian-export');
    expect(safeFileName('a'.repeat(500))).toHaveLength(200);
  });
});
