/**
 * `custodian import` from the command line, as records staff run it: several files at once,
 * format detection, a saved mapping profile, one JSON summary per file in the issue's
 * shape, a refused file that does not stop the others, the history and the rejects as CSV.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  summaryOf,
  writeFlockReadsJson,
  writeFlockSearchAudit,
  writeSearchAuditWorkbooks,
  writeMalformedFixtures,
  writeGenetecSingleXml,
  flockReadsMapping,
  type Fixture,
} from '../fixtures/vendor-files';
import { custodian } from '../support/cli';
import { removeTempFolders, tempFolder } from '../support/temp';

afterAll(removeTempFolders);

const PW = 'Parsons-Records-2026!';
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface CliSummary {
  importId: number;
  file: string;
  sha256: string;
  format: string;
  read: number;
  imported: number;
  duplicates: number;
  rejected: { line: number; column: string | null; reason: string }[];
}

describe('custodian import', () => {
  let dir: string;
  let files: string;
  let search: Fixture;
  let json: Fixture;
  let xml: Fixture;
  let dates: Fixture;
  let empty: Fixture;
  const as = (args: string[]) => custodian(['--workspace', dir, '--user', 'cmdr', '--json', ...args], { CUSTODIAN_PASSWORD: PW });

  beforeAll(async () => {
    dir = path.join(tempFolder('imports-cli'), 'ws');
    const init = custodian(['--workspace', dir, '--json', 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
      CUSTODIAN_PASSWORD: PW,
    });
    expect(init.code, init.stderr).toBe(0);
    // importing handles ALPR data: the importer's training is on record (427.4(d))
    expect(as(['training', 'record', '--username', 'cmdr', '--course', 'ALPR Operator Training', '--completed', '2026-01-05']).code).toBe(
      0,
    );
    files = tempFolder('imports-cli-files');
    search = writeFlockSearchAudit(files, { seed: 51 });
    json = writeFlockReadsJson(files, { seed: 51 });
    xml = writeGenetecSingleXml(files, { seed: 51 });
    const malformed = await writeMalformedFixtures(path.join(files, 'bad'), { seed: 51, bombBytes: 4 * 1024 * 1024 });
    dates = malformed.find((f) => f.name === 'bad-dates')!;
    empty = malformed.find((f) => f.name === 'bad-empty')!;
  });

  it('imports several files in one go, detecting each, and prints one summary per file in the issue shape', () => {
    const r = as(['import', search.path, json.path, xml.path, '--vendor', 'auto', '--timezone', 'UTC']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<CliSummary[]>();
    expect(out).toHaveLength(3);
    for (const [i, fixture] of [search, json, xml].entries()) {
      const s = out[i]!;
      const want = summaryOf(fixture);
      expect(s).toMatchObject({
        file: path.basename(fixture.path),
        sha256: sha256(fixture.path),
        format: want.format,
        read: want.read,
        imported: want.imported,
        duplicates: want.duplicates,
      });
      expect(s.importId).toBeGreaterThan(0);
      expect(s.rejected).toHaveLength(want.rejected);
      for (const reject of s.rejected) expect(Object.keys(reject).sort()).toEqual(['column', 'line', 'reason']);
    }
    expect(new Set(out.map((s) => s.importId)).size).toBe(3);
  });

  it('reads a CSV through a saved profile, names each reject, and writes the rejects as CSV', () => {
    const mappingFile = path.join(files, 'flock-mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify(flockReadsMapping()));
    const saved = as(['import', 'profile', 'save', 'Flock UI export', '--mapping', mappingFile]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(
      as(['import', 'profile', 'list'])
        .json<{ name: string }[]>()
        .map((p) => p.name),
    ).toContain('Flock UI export');

    const r = as(['import', dates.path, '--vendor', 'csv', '--profile', 'Flock UI export', '--timezone', 'UTC']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = r.json<CliSummary[]>();
    const want = summaryOf(dates);
    expect(s).toMatchObject({ format: 'csv', read: want.read, imported: want.imported, duplicates: 0 });
    expect(s!.rejected.map((x) => [x.line, x.column])).toEqual(want.rejects.map((x) => [x.line, x.column]));
    expect(s!.imported + s!.duplicates + s!.rejected.length).toBe(s!.read);

    const out = path.join(files, 'rejects.csv');
    const rejects = as(['import', 'rejects', String(s!.importId), '--out', out]);
    expect(rejects.code, rejects.stderr).toBe(0);
    const rows = parse(fs.readFileSync(out), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(want.rejected);
    expect(rows.map((row) => Number(row.line))).toEqual(want.rejects.map((x) => x.line));
    expect(rows.every((row) => row.column === 'capturedAt' && (row.reason ?? '').length > 3)).toBe(true);
  });

  it('prints what it did with each sheet of a workbook, and reads zone-less times in the --timezone given', async () => {
    const [, split] = await writeSearchAuditWorkbooks(files, { seed: 52 });
    const human = custodian(['--workspace', dir, '--user', 'cmdr', 'import', split!.path], { CUSTODIAN_PASSWORD: PW });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('read 55 = imported 54 + duplicates 0 + rejected 1');
    expect(human.stdout).toMatch(
      /sheets \(2 of 4 imported\):\n {4}"Cover" +skipped: its first row \(City of Parsons Police Department\) matches no known layout\n/,
    );
    expect(human.stdout).toMatch(
      / {4}"Jan-Mar" +read 30 = imported 30 \+ duplicates 0 \+ rejected 0\n {4}"Apr-Jun" +read 25 = imported 24 \+ duplicates 0 \+ rejected 1\n {4}"Notes" +skipped: /,
    );
    expect(human.stdout).toMatch(/5 +│ searchDate +│ sheet "Apr-Jun": the searchDate 2026-02-30T10:00:00\.000Z is not a calendar date/);

    const zoneless = writeFlockSearchAudit(files, { seed: 53, rows: 20, zone: 'America/Los_Angeles' });
    const r = as(['import', zoneless.path, '--timezone', 'America/Los_Angeles']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = r.json<Array<CliSummary & { timezone: string }>>();
    expect(s).toMatchObject({ format: 'flock-search-audit', timezone: 'America/Los_Angeles', read: 20, imported: 20 });
  });

  it('a refused file gets its own error entry and exit 1, the others still import, and the same file twice adds nothing', () => {
    const r = as(['import', empty.path, search.path, '--vendor', 'auto']);
    expect(r.code).toBe(1);
    const out = r.json<Array<CliSummary | { file: string; error: { code: string; message: string } }>>();
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ file: empty.path, error: { code: expect.any(String), message: expect.any(String) } });
    expect(out[1]).toMatchObject({ format: 'flock-search-audit', imported: 0, duplicates: summaryOf(search).read });

    const list = as(['import', 'list']).json<{ importId: number; status: string; file: string }[]>();
    expect(list.filter((x) => x.status === 'committed').map((x) => x.file)).toEqual(
      expect.arrayContaining([path.basename(search.path), path.basename(json.path), path.basename(xml.path), path.basename(dates.path)]),
    );
  });
});
