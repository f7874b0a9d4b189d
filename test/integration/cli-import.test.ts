/**
 * `custodian import` as a records clerk runs it: one summary per file in the issue's
 * shape, saved mappings, the history, rejects as CSV, and exit codes a script can trust.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFlockReadsCsv } from '../fixtures/plate-reads';
import { custodian } from '../support/cli';
import { FLOCK_SEARCH_AUDIT_SAMPLE } from '../support/shared-files';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
const env = { CUSTODIAN_PASSWORD: PASSWORD };
afterAll(removeTempFolders);

let dir: string;
let files: string;
const run = (...args: string[]) => custodian(['--workspace', dir, '--user', 'cmdr', ...args], env);

beforeAll(() => {
  dir = path.join(tempFolder('cli-import'), 'ws');
  files = tempFolder('cli-import-files');
  expect(custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], env).code).toBe(0);
});

interface CliSummary {
  importId: number;
  file: string;
  sha256: string;
  format: string;
  read: number;
  imported: number;
  duplicates: number;
  rejected: Array<{ line: number; column: string | null; reason: string }>;
}

describe('custodian import', () => {
  it('prints one summary per file, detecting the format, and counts a second run as duplicates', () => {
    const sample = path.join(files, 'search_audit.csv');
    fs.copyFileSync(FLOCK_SEARCH_AUDIT_SAMPLE, sample);
    const first = run('--json', 'import', sample);
    expect(first.code, first.stderr).toBe(0);
    const [summary] = first.json<CliSummary[]>();
    expect(summary).toMatchObject({
      file: 'search_audit.csv',
      format: 'flock-search-audit',
      sha256: crypto.createHash('sha256').update(fs.readFileSync(sample)).digest('hex'),
      read: 11,
      imported: 11,
      duplicates: 0,
      rejected: [],
    });
    expect(first.stderr).toMatch(/11 rows/); // progress goes to standard error

    const again = run('--json', 'import', sample).json<CliSummary[]>();
    expect(again[0]).toMatchObject({ read: 11, imported: 0, duplicates: 11 });
  });

  it('asks for a mapping for an unknown layout, imports the rest, and exits 1', () => {
    const unknown = path.join(files, 'unknown.csv');
    fs.writeFileSync(unknown, 'Tag,When,Cam\nABC123,2026-11-01 10:00:00,c1\n');
    const sample = path.join(files, 'search_audit_2.csv');
    fs.copyFileSync(FLOCK_SEARCH_AUDIT_SAMPLE, sample);
    const r = run('--json', 'import', unknown, sample);
    expect(r.code).toBe(1);
    const [refused, other] = r.json<Array<CliSummary & { error?: { code: string; message: string } }>>();
    expect(refused).toMatchObject({ file: unknown, error: { code: 'format-unknown', message: expect.stringMatching(/column mapping/) } });
    expect(other).toMatchObject({ format: 'flock-search-audit', read: 11 });
  });

  it('saves a mapping as a profile, lists it, and imports through it in a chosen time zone', () => {
    const mappingFile = path.join(files, 'mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify({ vendor: 'Vigilant', columns: { plate: 'Tag', captureTime: 'When', camera: 'Cam' } }));
    expect(run('import', 'profile', 'save', 'Vigilant desk', '--mapping', mappingFile).code).toBe(0);
    const listed = run('--json', 'import', 'profile', 'list');
    expect(listed.json()).toEqual([expect.objectContaining({ name: 'Vigilant desk', savedBy: 'Pat Commander (cmdr)' })]);

    const csv = path.join(files, 'vigilant.csv');
    fs.writeFileSync(csv, 'Tag,When,Cam\nABC 123,2026-11-01 10:00:00,c1\n,2026-11-01 10:00:00,c2\n');
    const r = run('--json', 'import', csv, '--profile', 'Vigilant desk', '--timezone', 'America/Chicago');
    expect(r.code, r.stderr).toBe(0);
    const summary = r.json<CliSummary[]>()[0]!;
    expect(summary).toMatchObject({ format: 'csv', read: 2, imported: 1, rejected: [{ line: 3, column: 'Tag' }] });

    const history = run('--json', 'import', 'list').json<Array<{ importId: number; timezone: string; profile: string }>>();
    expect(history[0]).toMatchObject({ importId: summary.importId, timezone: 'America/Chicago', profile: 'Vigilant desk' });

    const rejectsFile = path.join(files, 'rejects.csv');
    expect(run('import', 'rejects', String(summary.importId), '--out', rejectsFile).code).toBe(0);
    expect(fs.readFileSync(rejectsFile, 'utf8')).toMatch(/^line,column,reason\n3,Tag,/);
  });

  it('refuses an unknown --vendor with exit 2 before touching anything', () => {
    const r = run('import', path.join(files, 'x.csv'), '--vendor', 'acme');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vendor must be one of auto, flock-reads/);
  });

  it('imports a Flock-style reads CSV through a mapping, every row accounted for', async () => {
    const csv = path.join(files, 'reads.csv');
    const written = await writeFlockReadsCsv(csv, { rows: 2_000, seed: 4, duplicateEvery: 50 });
    const mappingFile = path.join(files, 'flock-mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify(written.mapping));
    expect(run('import', 'profile', 'save', 'flock-csv', '--mapping', mappingFile).code).toBe(0);
    const r = run('--json', 'import', csv, '--vendor', 'csv', '--profile', 'flock-csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<CliSummary[]>()[0]).toMatchObject({
      read: 2_000,
      imported: written.imported,
      duplicates: written.duplicates,
      rejected: [],
    });
  });
});
