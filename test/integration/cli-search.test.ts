/**
 * `custodian search` as records staff run it, against a real workspace holding a real
 * import: the table a person reads (times in a stated zone, the plan, "more matched than
 * shown"), the --json result, OCR-aware differences, days read in a chosen zone, a CSV
 * export with its SHA-256, purposes that state nothing refused with the gate's sentence
 * and exit 3, the commander's list of such purposes edited from `settings`, and every
 * search in the access log with its query.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src-main/contract/search';
import { flockRead, flockReadsMapping, writeFlockReadsCsv, type FlockRead } from '../fixtures/plate-reads';
import { custodian } from '../support/cli';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
const SEED = 61;
const ROWS = 300;
const CASE = '26-1187';
const PURPOSE = 'Locate the stolen vehicle in burglary report 26-1187';
afterAll(removeTempFolders);

let dir: string;
let files: string;
const reads: FlockRead[] = Array.from({ length: ROWS }, (_, i) => flockRead(SEED, i));
const run = (...args: string[]) => custodian(['--workspace', dir, '--user', 'cmdr', ...args], { CUSTODIAN_PASSWORD: PASSWORD });
const search = (...args: string[]) => run('search', '--case', CASE, '--purpose', PURPOSE, ...args);

/** The time as the CLI shows it in a zone `offsetHours` from UTC, worked out without the CLI's own code. */
const shownAt = (read: FlockRead, offsetHours: number) => {
  const sign = offsetHours < 0 ? '-' : '+';
  const wall = new Date(Math.floor(read.capturedAtMs / 1000) * 1000 + offsetHours * 3_600_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)} ${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
};
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeAll(async () => {
  dir = path.join(tempFolder('cli-search'), 'ws');
  files = tempFolder('cli-search-files');
  const env = { CUSTODIAN_PASSWORD: PASSWORD };
  expect(custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], env).code).toBe(0);
  expect(run('training', 'record', '--username', 'cmdr', '--course', 'ALPR Operator Training', '--completed', '2026-01-05').code).toBe(0);
  const csv = path.join(files, 'flock-reads.csv');
  await writeFlockReadsCsv(csv, { rows: ROWS, seed: SEED });
  const mapping = path.join(files, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify(flockReadsMapping()));
  expect(run('import', 'profile', 'save', 'Flock reads', '--mapping', mapping).code).toBe(0);
  const imported = run('--json', 'import', csv, '--vendor', 'csv', '--profile', 'Flock reads', '--timezone', 'UTC');
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.json<Array<{ imported: number }>>()[0]!.imported).toBe(ROWS);
});

describe('custodian search', () => {
  it('prints an exact plate as a table: plate, state, local time with its offset, camera, confidence, then the count and the plan', () => {
    const target = reads[17]!;
    const same = reads.filter((r) => r.plate === target.plate);
    const r = search('--plate', target.plate.toLowerCase(), '--timezone', 'America/Los_Angeles');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ read +│ plate +│ state +│ time +│ camera +│ confidence +│/);
    const row = r.stdout.split('\n').find((line) => line.includes(shownAt(target, -7)))!;
    expect(row).toBeDefined();
    for (const cell of [target.plate, target.state, target.device.name, `${Math.round(target.plateConfidence * 100)}%`]) {
      expect(row).toContain(cell);
    }
    expect(r.stdout).toContain(`${same.length} read${same.length === 1 ? '' : 's'} (plan: exact).`);
    expect(r.stdout).toContain('Times are America/Los_Angeles');
    expect(r.stdout).not.toContain('More matched than shown');
  });

  it('gives the result object with --json, says when more matched than shown, and reads days in the chosen zone', () => {
    const part = reads[40]!.plate.slice(2, 4);
    const expected = reads.filter((r) => r.plate.includes(part)).map((r) => r.plate);
    const all = search('--json', '--plate', `*${part}*`);
    expect(all.code, all.stderr).toBe(0);
    const result = all.json<SearchResult>();
    expect(result).toMatchObject({ truncated: false, plan: expect.any(String), described: expect.stringContaining(part) });
    expect(result.hits.map((h) => h.plate).sort()).toEqual(expected.sort());
    expect(result.hits[0]).toMatchObject({ importFile: 'flock-reads.csv', distance: 0, difference: null });

    const few = search('--plate', `*${part}*`, '--limit', '1');
    expect(few.code, few.stderr).toBe(0);
    expect(few.stdout).toMatch(/1 read \(plan: [a-z-]+\)\. More matched than shown: narrow the search/);

    // the reads span 2026-10-01 00:00–00:03 UTC, which is the evening of 30 September in Los Angeles
    const count = (zone: string, ...range: string[]) =>
      search('--json', '--plate', `*${part}*`, ...range, '--timezone', zone).json<SearchResult>().hits.length;
    expect(count('America/Los_Angeles', '--from', '2026-09-30', '--to', '2026-09-30')).toBe(expected.length);
    expect(count('America/Los_Angeles', '--from', '2026-10-01')).toBe(0);
    expect(count('UTC', '--to', '2026-09-30')).toBe(0);

    const bad = search('--plate', 'ABC', '--from', '30/09/2026');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from takes a day (YYYY-MM-DD) or a time (ISO 8601');
  });

  it('finds the usual OCR misreads with --fuzzy and shows what differs', () => {
    const swaps: Record<string, string> = { '0': 'O', '5': 'S', '8': 'B', '1': 'I', '2': 'Z', '6': 'G' };
    const target = reads.find((r) => /[058126]/.test(r.plate))!;
    const misread = target.plate.replace(/[058126]/, (c) => swaps[c]!);
    const human = search('--plate', misread, '--fuzzy');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/│ confidence +│ difference +│/);
    const row = human.stdout.split('\n').find((line) => line.includes(` ${target.plate} `))!;
    expect(row).toMatch(/read as/);

    const exact = search('--json', '--plate', misread).json<SearchResult>();
    expect(exact.hits.map((h) => h.plate)).not.toContain(target.plate);
  });

  it('exports the reads found as CSV, printing rows and the SHA-256 of the file', () => {
    const out = path.join(files, 'hits.csv');
    const part = reads[3]!.plate.slice(0, 2);
    const r = search('--plate', `${part}*`, '--export', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(fs.readFileSync(out), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBe(reads.filter((x) => x.plate.startsWith(part)).length);
    expect(r.stdout).toContain(`${rows.length} reads written to ${out} (SHA-256 ${sha256(out)}).`);
    const again = search('--plate', `${part}*`, '--export', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses purposes that state nothing with the gate sentence and exit 3; the commander edits the list from settings', () => {
    const vague = run('--json', 'search', '--plate', 'ABC123', '--case', CASE, '--purpose', 'bolo');
    expect(vague.code).toBe(3);
    expect(vague.stderr).toContain('"bolo" does not state a purpose. Say what you are doing and why');
    expect(vague.json()).toEqual({ error: { code: 'purpose-vague', message: expect.stringContaining('policy 427.6(b)') } });

    const noCase = run('search', '--plate', 'ABC123', '--purpose', PURPOSE);
    expect(noCase.code).toBe(3);
    expect(noCase.stderr).toContain('give the case number and the purpose (policy 427.6(b))');

    const purpose = 'Routine patrol check';
    expect(run('search', '--plate', 'ABC123', '--case', CASE, '--purpose', purpose).code).toBe(0);
    const added = run('settings', 'set', '--add-vague-purpose', 'routine patrol check', '--remove-vague-purpose', 'BOLO');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Purposes refused as stating nothing \(policy 427\.6\(b\)\): .*"routine patrol check"/);
    expect(added.stdout).not.toContain('"bolo"');
    const refused = run('search', '--plate', 'ABC123', '--case', CASE, '--purpose', purpose);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`"${purpose}" does not state a purpose.`);

    const env = { CUSTODIAN_PASSWORD: PASSWORD, CUSTODIAN_NEW_PASSWORD: 'Member-Password-2026!' };
    const addMember = custodian(
      ['--workspace', dir, '--user', 'cmdr', 'user', 'add', '--username', 'jdoe', '--full-name', 'Jane Doe', '--role', 'member'],
      env,
    );
    expect(addMember.code, addMember.stderr).toBe(0);
    const member = custodian(['--workspace', dir, '--user', 'jdoe', 'settings', 'set', '--add-vague-purpose', 'whatever'], {
      CUSTODIAN_PASSWORD: 'Member-Password-2026!',
    });
    expect(member.code).toBe(3);
    expect(member.stderr).toMatch(/Jane Doe may not do this \(change workspace settings\)/);
  });

  it('leaves every search in the access log with its query, case and purpose, refused ones too, and the export with its hash', () => {
    const r = run('audit', 'export', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const log =
      r.json<
        Array<{ operation: string; objects: { input?: Record<string, unknown> }; caseNumber: string; purpose: string; outcome: string }>
      >();
    const searches = log.filter((e) => e.operation === 'search.plates');
    // 1 exact, 2 wildcard, 3 windows (the bad date stopped before signing in), 2 fuzzy/exact,
    // 1 export (the second stopped before searching), 4 in the refusals test
    expect(searches).toHaveLength(13);
    expect(searches.every((e) => typeof e.objects.input?.plate === 'string')).toBe(true);
    expect(searches.find((e) => e.objects.input?.from === '2026-09-30T07:00:00.000Z')).toMatchObject({
      caseNumber: CASE,
      purpose: PURPOSE,
      outcome: 'ok',
    });
    expect(searches.find((e) => e.objects.input?.to === '2026-09-30T23:59:59.999Z')).toBeDefined();
    expect(searches.find((e) => e.purpose === 'bolo')).toMatchObject({ outcome: 'denied', objects: { input: { plate: 'ABC123' } } });
    expect(searches.filter((e) => e.objects.input?.fuzzy === true)).toHaveLength(1);
    const exports = log.filter((e) => e.operation === 'search.export');
    expect(exports).toHaveLength(1);
    expect(JSON.stringify(exports[0])).toContain(sha256(path.join(files, 'hits.csv')));
  });

  it('--camera matches the name a vendor gives a camera beside its number (Rekor camera_label), and the table shows both', () => {
    const file = path.join(files, 'rekor-mailbox.json');
    const group = (plate: string, camera: number, label: string, minute: number) => ({
      data_type: 'alpr_group',
      epoch_start: Date.parse(`2026-10-04T10:${String(minute).padStart(2, '0')}:00Z`),
      best_plate_number: plate,
      best_confidence: 90,
      best_region: 'us-ks',
      best_uuid: `mailbox-${plate}`,
      camera_id: camera,
      camera_label: label,
      agent_label: 'Parsons North site',
    });
    fs.writeFileSync(file, JSON.stringify([group('9MBX001', 1301, 'mailbox-east', 1), group('9MBX002', 1302, 'mailbox-west', 2)]));
    const imported = run('--json', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);
    const r = search('--plate', '9MBX*', '--camera', 'mailbox-east', '--timezone', 'UTC');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('9MBX001');
    expect(r.stdout).not.toContain('9MBX002');
    expect(r.stdout).toContain('1301 (mailbox-east)');
    expect(r.stdout).toContain('1 read (plan:');
  });

  it('refuses a purpose given on more than one line, with the gate sentence and exit 3', () => {
    // The purpose is kept in the log for ever, on one line: a line break in it is refused, not changed.
    const twoLines = run('--json', 'search', '--plate', 'ABC123', '--case', CASE, '--purpose', `${PURPOSE}\nsecond line`);
    expect(twoLines.code).toBe(3);
    expect(twoLines.json()).toEqual({
      error: { code: 'purpose-one-line', message: expect.stringMatching(/^The purpose is one line: it may not hold a line break/) },
    });
  });
});
