/**
 * `custodian import` beyond imports-cli.test.ts: a time zone chosen for times written
 * without one, recorded on the import with the profile used; progress on standard error;
 * rejects written only into a new file; Ctrl-C; a wrong --vendor stopped before anything
 * is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian, startCustodian } from '../support/cli';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
const env = { CUSTODIAN_PASSWORD: PASSWORD };
afterAll(removeTempFolders);

let dir: string;
let files: string;
const asCommander = (...args: string[]) => ['--workspace', dir, '--user', 'cmdr', ...args];
const run = (...args: string[]) => custodian(asCommander(...args), env);

beforeAll(() => {
  dir = path.join(tempFolder('cli-import'), 'ws');
  files = tempFolder('cli-import-files');
  expect(custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], env).code).toBe(0);
  // importing handles ALPR data: the importer's training is on record (427.4(d))
  expect(run('training', 'record', '--username', 'cmdr', '--course', 'ALPR Operator Training', '--completed', '2026-01-05').code).toBe(0);
});

/** Save (or replace) the mapping for a CSV of plate and time only; returns its name. */
function plateAndTimeProfile(): string {
  const mappingFile = path.join(files, 'plate-time.json');
  fs.writeFileSync(mappingFile, JSON.stringify({ vendor: 'Vigilant', columns: { plate: 'Plate', captureTime: 'Time' } }));
  expect(run('import', 'profile', 'save', 'Plate and time', '--mapping', mappingFile).code).toBe(0);
  return 'Plate and time';
}

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
    expect(r.stderr).toMatch(/vigilant\.csv: reading vigilant\.csv — 2 rows 100%/); // progress goes to standard error
    const summary = r.json<CliSummary[]>()[0]!;
    expect(summary).toMatchObject({ format: 'csv', read: 2, imported: 1, rejected: [{ line: 3, column: 'Tag' }] });

    const history = run('--json', 'import', 'list').json<Array<{ importId: number; timezone: string; profile: string }>>();
    expect(history[0]).toMatchObject({ importId: summary.importId, timezone: 'America/Chicago', profile: 'Vigilant desk' });

    const rejectsFile = path.join(files, 'rejects.csv');
    expect(run('import', 'rejects', String(summary.importId), '--out', rejectsFile).code).toBe(0);
    expect(fs.readFileSync(rejectsFile, 'utf8')).toMatch(/^line,column,reason\n3,Tag,/);
  });

  it('writes rejects only into a new file: never over an existing one, and none is left when the export fails', () => {
    const csv = path.join(files, 'one-reject.csv');
    fs.writeFileSync(csv, 'Plate,Time\nXYZ 789,2026-11-02 10:00:00\n,2026-11-02 11:00:00\n');
    const imported = run('--json', 'import', csv, '--profile', plateAndTimeProfile(), '--timezone', 'UTC');
    expect(imported.code, imported.stderr).toBe(0);
    const { importId } = imported.json<CliSummary[]>()[0]!;

    const existing = path.join(files, 'kept.csv');
    fs.writeFileSync(existing, 'someone else’s work\n');
    const refused = run('import', 'rejects', String(importId), '--out', existing);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${existing} already exists; choose a new file name.`);
    expect(fs.readFileSync(existing, 'utf8')).toBe('someone else’s work\n');

    const missing = path.join(files, 'no-such-import.csv');
    const failed = run('import', 'rejects', '999999', '--out', missing);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('There is no import numbered 999999.');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('stops at Ctrl-C: the import is cancelled (its rows removed) and the files after it are not started', async () => {
    const big = path.join(files, 'big.csv');
    const rows = Array.from({ length: 150_000 }, (_, i) => `B${String(i).padStart(6, '0')},2026-11-03 10:00:00`);
    fs.writeFileSync(big, `Plate,Time\n${rows.join('\n')}\n`);
    const next = path.join(files, 'next.csv');
    fs.writeFileSync(next, 'Plate,Time\nNXT 001,2026-11-03 11:00:00\n');
    const profile = plateAndTimeProfile();
    const child = startCustodian(asCommander('--json', 'import', big, next, '--profile', profile, '--timezone', 'UTC'), env);
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // Ctrl-C once rows are being written: the first report names 50,000 rows, some seconds before the end
      if (!interrupted && /^big\.csv: reading big\.csv — [1-9]/m.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));

    expect(interrupted, stderr).toBe(true);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('Cancelling: the rows written so far are being removed…');
    expect(JSON.parse(stdout)).toEqual([
      { file: big, error: { code: 'cancelled', message: expect.stringContaining('cancelled by Pat Commander') } },
    ]);
    const history = run('--json', 'import', 'list').json<Array<{ file: string; status: string }>>();
    expect(history.filter((r) => r.file === 'big.csv')).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(history.some((r) => r.file === 'next.csv')).toBe(false);
  });

  it('warns before importing a file imported before, naming the import and its date; it still imports, as duplicates', () => {
    const csv = path.join(files, 'again.csv');
    fs.writeFileSync(csv, 'Plate,Time\nAGN 001,2026-11-04 10:00:00\nAGN 002,2026-11-04 10:01:00\n');
    const first = run('--json', 'import', csv, '--profile', plateAndTimeProfile(), '--timezone', 'UTC');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain('imported before');
    const earlier = first.json<Array<CliSummary & { sha256: string }>>()[0]!;

    const second = run('import', csv, '--profile', 'Plate and time', '--timezone', 'UTC');
    expect(second.code, second.stderr).toBe(0);
    const history = run('--json', 'import', 'list').json<Array<{ importId: number; finishedAt: string }>>();
    const when = history.find((h) => h.importId === earlier.importId)!.finishedAt;
    expect(second.stderr).toContain(
      `custodian: warning: again.csv (SHA-256 ${earlier.sha256}) was imported before: import ${earlier.importId} on ${when} by Pat Commander (cmdr) (2 imported).`,
    );
    // said before the import ran: the warning comes ahead of its progress
    expect(second.stderr.indexOf('imported before')).toBeLessThan(second.stderr.indexOf('again.csv: reading'));
    expect(second.stdout).toMatch(/read 2 = imported 0 \+ duplicates 2 \+ rejected 0/);
    const json = run('--json', 'import', csv, '--profile', 'Plate and time', '--timezone', 'UTC').json<
      Array<{ importedBefore: unknown[] }>
    >();
    expect(json[0]!.importedBefore).toHaveLength(2);
  });

  it('names the rows kept though their vendor id was already held, with both lines', () => {
    const header = 'ID,Name,Org Name,Total Networks Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type';
    const row = (id: string, reason: string) =>
      `${id},J. Rivera,Parsons PD,3,11/1/2025 08:00:00 AM UTC to 11/1/2025 09:00:00 AM UTC,8ABC123,${reason},25-1001,,"11/1/2025, 09:53:36 AM UTC",search`;
    const audit = path.join(files, 'audit-repeats.csv');
    fs.writeFileSync(audit, [header, row('a1', 'Stolen vehicle'), row('a1', 'Stolen vehicle'), row('a1', 'Robbery'), ''].join('\n'));
    const r = run('import', audit, '--timezone', 'UTC');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/read 3 = imported 2 \+ duplicates 1 \+ rejected 0/);
    expect(r.stdout).toContain("1 row kept though the vendor's id was already held for other content");
    expect(r.stdout).toContain('line 4 (id a1) differs from line 2 of this file');
  });

  it('reads a Flock audit under other column names through a saved mapping, after advising one', () => {
    const audit = path.join(files, 'audit-renamed.csv');
    fs.writeFileSync(
      audit,
      [
        'Search_ID,User_Name,Org_Name,Plate,Reason,Case_Number,Search_Time,Search_Type',
        'r1,J. Rivera,Parsons PD,8ABC123,Stolen vehicle,25-1001,"11/1/2025, 09:53:36 AM UTC",search',
        'r2,K. Ortiz,Parsons PD,7XYZ987,Robbery,25-1002,"11/2/2025, 10:00:00 AM UTC",lookup',
        '',
      ].join('\n'),
    );
    const refused = run('import', audit);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('look like a Flock organization / network audit under other column names');
    const advised = /A mapping to start from .*?: (\{.*\})/.exec(refused.stderr)?.[1];
    expect(advised).toBeDefined();
    const mappingFile = path.join(files, 'audit-mapping.json');
    fs.writeFileSync(mappingFile, advised!);
    const saved = run('import', 'profile', 'save', 'Audit re-extract', '--mapping', mappingFile);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Saved the mapping "Audit re-extract" (Flock organization / network audit).');
    expect(run('import', 'profile', 'list').stdout).toMatch(/Audit re-extract .*Flock organization \/ network audit.*Search_Time/s);
    const imported = run('--json', 'import', audit, '--profile', 'Audit re-extract');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json<CliSummary[]>()[0]).toMatchObject({ format: 'flock-audit', read: 2, imported: 2 });
  });

  it('lists the history in words: the format by its name and how each import ended, never an identifier', () => {
    const r = run('import', 'list');
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((line) => /^│ \d/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const big = rows.find((line) => line.includes('big.csv'))!;
    expect(big).toMatch(/│ Plate reads in CSV\s+│ Cancelled\s+│/);
    expect(rows.find((line) => line.includes('vigilant.csv'))).toMatch(/│ Plate reads in CSV\s+│ Imported\s+│/);
    for (const identifier of ['│ csv ', '│ cancelled ', '│ committed ']) expect(r.stdout).not.toContain(identifier);
    // --json keeps the identifiers: they are what a program reads.
    expect(
      run('--json', 'import', 'list')
        .json<Array<{ status: string }>>()
        .map((i) => i.status),
    ).toContain('cancelled');
  });

  it('refuses an unknown --vendor with exit 2 before touching anything', () => {
    const r = run('import', path.join(files, 'x.csv'), '--vendor', 'acme');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vendor must be one of auto, flock-reads/);
  });
});
