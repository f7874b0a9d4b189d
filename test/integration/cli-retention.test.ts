/**
 * Retention from the command line, through the built `custodian`, on a workspace of real
 * reads captured relative to now: a case and a hold by chosen reads, the preview, the purge
 * (with the real clock, and with --as-of as a drill), the hold released with a reason, the
 * run's certificate written to a new PDF that pdfinfo reads, and the refusals in words.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hold } from '../../src-main/contract/cases';
import type { PurgePlan, PurgeRun } from '../../src-main/contract/retention';
import { flockReadsMapping } from '../fixtures/plate-reads';
import { custodian } from '../support/cli';
import { pdfInfo } from '../support/pdf-tools';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
const DAY = 86_400_000;
afterAll(removeTempFolders);

let dir: string;
let files: string;
const cmdr = (...args: string[]) => custodian(['--workspace', dir, '--user', 'cmdr', ...args], { CUSTODIAN_PASSWORD: PASSWORD });
const json = <T>(...args: string[]): T => {
  const result = cmdr('--json', ...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

beforeAll(() => {
  dir = path.join(tempFolder('cli-retention'), 'ws');
  files = tempFolder('cli-retention-files');
  expect(
    custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], { CUSTODIAN_PASSWORD: PASSWORD }).code,
  ).toBe(0);
  expect(
    cmdr('training', 'record', '--username', 'cmdr', '--course', 'ALPR Operator Training', '--completed', ago(10).slice(0, 10)).code,
  ).toBe(0);
  const rows = [
    ['r-recent', ago(10), 'NEW0001'],
    ['r-held', ago(60), 'HELD001'],
    ['r-old', ago(45), 'OLD0001'],
    ['r-older', ago(90), 'OLD0002'],
  ];
  const csv = path.join(files, 'reads.csv');
  fs.writeFileSync(
    csv,
    ['id,capturedAt,plate,state,plateConfidence,deviceId,deviceName,lat,lon,make,model,color,direction']
      .concat(rows.map(([id, at, plate]) => `${id},${at},${plate},CA,0.95,dev-1,Main St NB,37.1,-122.1,Ford,F-150,black,south`))
      .join('\n') + '\n',
  );
  const mapping = path.join(files, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify(flockReadsMapping()));
  expect(cmdr('import', 'profile', 'save', 'Flock reads', '--mapping', mapping).code).toBe(0);
  const imported = cmdr('import', csv, '--vendor', 'csv', '--profile', 'Flock reads', '--timezone', 'UTC');
  expect(imported.code, imported.stderr).toBe(0);
});

describe('custodian case, hold and purge', () => {
  let hold: Hold;
  let run: PurgeRun;

  it('opens a case and holds a chosen read for it', () => {
    const created = cmdr('case', 'create', '26-3100', '--title', 'Armed robbery, Elm St', '--type', 'Robbery', '--lead', 'Det. A. Moss');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Case 26-3100 opened on \d{4}-\d{2}-\d{2}: Armed robbery, Elm St\.$/m);
    const found = json<{ hits: { id: number }[] }>(
      '--case',
      '26-3100',
      '--purpose',
      'Find the getaway car seen on Elm St',
      'search',
      '--plate',
      'HELD001',
    );
    hold = json<Hold>('--case', '26-3100', 'hold', 'add', '--reason', 'evidence', '--reads', String(found.hits[0]!.id));
    expect(hold).toMatchObject({ caseNumber: '26-3100', kind: 'reads', reads: 1 });
    const listed = cmdr('hold', 'list', '--active');
    expect(listed.stdout).toContain('26-3100');
    const missing = cmdr('hold', 'add', '--reason', 'evidence', '--reads', '1');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Give the case the hold belongs to with --case.');
  });

  it('previews the purge: two reads past 30 days go, the held one is kept', () => {
    const plan = json<PurgePlan>('purge', '--preview');
    expect(plan).toMatchObject({ asOfIsDrill: false, retentionDays: 30, reads: 2 });
    expect(plan.kept).toEqual([expect.objectContaining({ caseNumber: '26-3100', holdId: hold.id, reads: 1 })]);
    const human = cmdr('purge', '--preview');
    expect(human.stdout).toContain('The next purge destroys 2 reads');
    expect(human.stdout).toContain('Kept by holds:');
  });

  it('purges, and writes the certificate to a new PDF whose SHA-256 is the one recorded', () => {
    const result = cmdr('--json', 'purge');
    expect(result.code, result.stderr).toBe(0);
    run = JSON.parse(result.stdout) as PurgeRun;
    expect(run).toMatchObject({ status: 'finished', asOfIsDrill: false, destroyed: { reads: 2 } });
    expect(result.stderr).toMatch(/purge: destroying reads past the retention period/);

    const pdf = path.join(files, 'certificate.pdf');
    const written = cmdr('purge', 'certificate', String(run.id), '--out', pdf);
    expect(written.code, written.stderr).toBe(0);
    expect(crypto.createHash('sha256').update(fs.readFileSync(pdf)).digest('hex')).toBe(run.certificateSha256);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(0);
    const again = cmdr('purge', 'certificate', String(run.id), '--out', pdf);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
    expect(cmdr('purge', 'list').stdout).toContain(run.certificateSha256!);
  });

  it('releases the hold only with a reason; a drill counts back from a time past, never from a later one', () => {
    expect(cmdr('hold', 'release', String(hold.id), '--reason', 'no').stderr).toMatch(/at least 10 characters/);
    expect(cmdr('hold', 'release', String(hold.id), '--reason', 'The disc copy was booked into evidence.').code).toBe(0);
    const later = cmdr('purge', '--as-of', new Date(Date.now() + 40 * DAY).toISOString());
    expect(later.code).not.toBe(0);
    expect(later.stderr).toMatch(/A drill counts back from a time already past/);
    // the released read (60 days old) goes, counted from its capture; the 10-day-old read stays
    const drill = json<PurgeRun>('purge', '--as-of', ago(1));
    expect(drill).toMatchObject({ asOfIsDrill: true, destroyed: { reads: 1 } });
    expect(json<PurgePlan>('purge', '--preview').reads).toBe(0);
  });
});
