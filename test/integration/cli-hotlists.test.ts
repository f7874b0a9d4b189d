/**
 * `custodian hotlist` and `custodian alerts` as records staff run them, against a real
 * workspace holding a real import of plate reads: a Genetec `;` NCIC list imported (its
 * rejects by line, the alerts it raises, a re-import retiring the old entries), a mapped
 * state extract through a saved profile, a partial plate added by hand, the 427.4(f)
 * notice first on every alert listing, confidential alerts withheld from a member without
 * the authorisation, and a verification recorded, listed as confirmed and superseded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, HotlistEntry, HotlistImportResult, Verification } from '../../src-main/contract/hotlists';
import { flockRead, flockReadsMapping, writeFlockReadsCsv, type FlockRead } from '../fixtures/plate-reads';
import { custodian } from '../support/cli';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
const MEMBER_PASSWORD = 'Member-Password-2026!';
const SEED = 73;
const ROWS = 200;
const CASE = '26-2040';
const PURPOSE = 'Work the stolen vehicle alerts for burglary report 26-2040';
const NOTICE =
  'An unverified alert is not grounds for enforcement action: verify it through NCIC or the appropriate official database first (policy 427.4(f)).';
afterAll(removeTempFolders);

let dir: string;
let files: string;
const reads: FlockRead[] = Array.from({ length: ROWS }, (_, i) => flockRead(SEED, i));
const as = (user: string, password: string, ...args: string[]) =>
  custodian(['--workspace', dir, '--user', user, ...args], { CUSTODIAN_PASSWORD: password });
const cmdr = (...args: string[]) => as('cmdr', PASSWORD, ...args);
const member = (...args: string[]) => as('jdoe', MEMBER_PASSWORD, '--case', CASE, '--purpose', PURPOSE, ...args);
const withReason = ['--case', CASE, '--purpose', PURPOSE];

/** Reads an entry matches: the plate (a pattern with * and ?) and the state where the entry has one. */
const matching = (plate: string, state?: string) => {
  const pattern = new RegExp(`^${plate.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return reads.filter((r) => pattern.test(r.plate) && (!state || r.state === state));
};

const ncic = [reads[10]!, reads[20]!];
let ncicFile: string;

beforeAll(async () => {
  dir = path.join(tempFolder('cli-hotlists'), 'ws');
  files = tempFolder('cli-hotlists-files');
  expect(
    custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], { CUSTODIAN_PASSWORD: PASSWORD }).code,
  ).toBe(0);
  const addMember = custodian(
    ['--workspace', dir, '--user', 'cmdr', 'user', 'add', '--username', 'jdoe', '--full-name', 'Jane Doe', '--role', 'member'],
    {
      CUSTODIAN_PASSWORD: PASSWORD,
      CUSTODIAN_NEW_PASSWORD: MEMBER_PASSWORD,
    },
  );
  expect(addMember.code, addMember.stderr).toBe(0);
  for (const username of ['cmdr', 'jdoe']) {
    expect(cmdr('training', 'record', '--username', username, '--course', 'ALPR Operator Training', '--completed', '2026-01-05').code).toBe(
      0,
    );
  }
  const csv = path.join(files, 'reads.csv');
  await writeFlockReadsCsv(csv, { rows: ROWS, seed: SEED });
  const mapping = path.join(files, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify(flockReadsMapping()));
  expect(cmdr('import', 'profile', 'save', 'Flock reads', '--mapping', mapping).code).toBe(0);
  const imported = cmdr('import', csv, '--vendor', 'csv', '--profile', 'Flock reads', '--timezone', 'UTC');
  expect(imported.code, imported.stderr).toBe(0);

  // Genetec: Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID, no header
  ncicFile = path.join(files, 'ncic-stolen.txt');
  fs.writeFileSync(
    ncicFile,
    [
      `Stolen vehicle;${ncic[0]!.state};${ncic[0]!.plate};2026-01-01;2027-12-31;P1`,
      `Stolen plate;${ncic[1]!.state};${ncic[1]!.plate};2026-01-01;2027-12-31;P2`,
      'Stolen vehicle;CA;;2026-01-01;2027-12-31;P3',
      'Wanted person;CA;QQZ4417;2026-02-30;2027-12-31;P4',
      'Stolen vehicle;CA;QQZ4418;2026-01-01;2027-12-31;P5',
    ].join('\n') + '\n',
  );
});

describe('custodian hotlist and alerts', () => {
  let ncicListId: number;

  it('imports a Genetec NCIC list: entries, rejects by line, alerts raised; confidential data needs the authorisation', () => {
    const refused = cmdr(...withReason, 'hotlist', 'import', ncicFile, '--list', 'NCIC stolen', '--source', 'NCIC');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/is confidential state or federal data: Pat Commander is not authorised for it \(policy 427\.4\(e\)\)/);

    expect(cmdr('user', 'confidential', 'cmdr', '--grant').code).toBe(0);
    const r = cmdr(...withReason, 'hotlist', 'import', ncicFile, '--list', 'NCIC stolen', '--source', 'NCIC', '--format', 'genetec');
    expect(r.code, r.stderr).toBe(0);
    const alerts = ncic.reduce((n, read) => n + matching(read.plate, read.state).length, 0);
    expect(r.stdout).toMatch(
      /Hot list "NCIC stolen" \(#\d+, genetec\): 3 entries loaded, 2 rejected, 0 entries of the earlier version retired\./,
    );
    expect(r.stdout).toMatch(/\n {2}line 3 \([^)]*\): .*plate/);
    expect(r.stdout).toMatch(/\n {2}line 4 \([^)]*\): .*2026-02-30/);
    expect(r.stdout).toContain(
      `${alerts} alert${alerts === 1 ? '' : 's'} raised from stored reads: custodian alerts list --status unverified\n${NOTICE}`,
    );

    const again = cmdr('--json', ...withReason, 'hotlist', 'import', ncicFile, '--list', 'NCIC stolen');
    expect(again.code, again.stderr).toBe(0);
    const result = again.json<HotlistImportResult>();
    ncicListId = result.listId;
    // the same list loaded again (a daily refresh): its entries are replaced, and the reads already alerted are not alerted again
    expect(result).toMatchObject({ list: 'NCIC stolen', format: 'genetec', entries: 3, rejected: 2, retired: 3, alerts: 0 });
    expect(result.rejects.map((x) => x.line)).toEqual([3, 4]);
  });

  it('saves a hot-list mapping, lists it, and imports a state extract through it', () => {
    const saved = cmdr(
      'hotlist',
      'profile',
      'save',
      'State extract',
      '--plate',
      'Tag',
      '--state',
      'St',
      '--reason',
      'Why',
      '--case-column',
      'Case',
      '--expires',
      'Until',
      '--delimiter',
      '|',
    );
    expect(saved.code, saved.stderr).toBe(0);
    const profiles = cmdr('--json', 'hotlist', 'profile', 'list').json<
      Array<{ name: string; mapping: { delimiter: string; columns: Record<string, string> } }>
    >();
    expect(profiles).toEqual([
      expect.objectContaining({
        name: 'State extract',
        mapping: expect.objectContaining({ delimiter: '|', columns: expect.objectContaining({ caseNumber: 'Case' }) }),
      }),
    ]);

    const target = reads[30]!;
    const file = path.join(files, 'state.csv');
    fs.writeFileSync(file, `Tag|St|Why|Case|Until\n${target.plate}|${target.state}|Felony warrant|25-0099|2027-06-30\n`);
    const r = cmdr(
      '--json',
      ...withReason,
      'hotlist',
      'import',
      file,
      '--list',
      'State warrants',
      '--source',
      'local',
      '--format',
      'mapped',
      '--profile',
      'State extract',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<HotlistImportResult>()).toMatchObject({
      format: 'mapped',
      entries: 1,
      rejected: 0,
      alerts: matching(target.plate, target.state).length,
    });

    const lists = cmdr(...withReason, 'hotlist', 'list');
    expect(lists.code, lists.stderr).toBe(0);
    expect(lists.stdout).toMatch(/│ NCIC stolen +│ NCIC +│ yes +│ 3 +│ 3 +│/);
    expect(lists.stdout).toMatch(/│ State warrants +│ local +│ no +│ 1 +│ 0 +│/);
    const entries = cmdr('--json', ...withReason, 'hotlist', 'entries', String(ncicListId)).json<{
      total: number;
      entries: HotlistEntry[];
    }>();
    expect(entries.total).toBe(6);
    expect(
      entries.entries
        .filter((e) => e.status === 'active')
        .map((e) => e.plate)
        .sort(),
    ).toEqual([ncic[0]!.plate, ncic[1]!.plate, 'QQZ4418'].sort());
  });

  it('adds a partial plate by hand: --case is the entry case, the reason is the purpose unless --purpose is given', () => {
    const target = reads[50]!;
    const partial = `${target.plate.slice(0, 3)}?${target.plate.slice(4, 6)}*`;
    const noCase = as(
      'jdoe',
      MEMBER_PASSWORD,
      'hotlist',
      'add',
      '--plate',
      partial,
      '--reason',
      'Suspect vehicle in the armed robbery',
      '--expires',
      '2027-01-31',
    );
    expect(noCase.code).toBe(2);
    expect(noCase.stderr).toContain('Give the case number with --case');

    const vague = as(
      'jdoe',
      MEMBER_PASSWORD,
      '--case',
      CASE,
      'hotlist',
      'add',
      '--plate',
      partial,
      '--reason',
      'bolo',
      '--expires',
      '2027-01-31',
    );
    expect(vague.code).toBe(3);
    expect(vague.stderr).toContain('"bolo" does not state a purpose.');

    const added = as(
      'jdoe',
      MEMBER_PASSWORD,
      '--case',
      CASE,
      'hotlist',
      'add',
      '--plate',
      partial,
      '--state',
      target.state.toLowerCase(),
      '--reason',
      'Suspect vehicle in the armed robbery on Main St',
      '--expires',
      '2027-01-31',
      '--level',
      'high',
    );
    expect(added.code, added.stderr).toBe(0);
    const expected = matching(partial, target.state).length;
    expect(added.stdout).toMatch(
      new RegExp(
        `^Added ${partial.replace(/[?*]/g, '\\$&')} \\(partial plate\\) ${target.state} to "Manual entries" as entry \\d+: Suspect vehicle in the armed robbery on Main St, case ${CASE}, in force `,
      ),
    );
    expect(added.stdout).toContain(`${expected} alert${expected === 1 ? '' : 's'} raised from stored reads`);

    const log = cmdr('--json', 'audit', 'export', '--format', 'json', '--operation', 'hotlist.add');
    const entries = log.json<Array<{ caseNumber: string; purpose: string; outcome: string }>>();
    expect(entries.map((e) => [e.outcome, e.caseNumber, e.purpose])).toEqual([
      ['denied', CASE, 'bolo'],
      ['ok', CASE, 'Suspect vehicle in the armed robbery on Main St'],
    ]);
  });

  it('starts every alert listing with the 427.4(f) notice and withholds NCIC alerts from a member without the authorisation', () => {
    const all = cmdr('--json', ...withReason, 'alerts', 'list');
    expect(all.code, all.stderr).toBe(0);
    const listed = all.json<{ notice: string; total: number; withheldConfidential: number; alerts: Alert[] }>();
    expect(Object.keys(listed)[0]).toBe('notice');
    expect(listed.notice).toBe(NOTICE);
    expect(listed.withheldConfidential).toBe(0);
    const ncicAlerts = listed.alerts.filter((a) => a.listSource === 'NCIC');
    // two versions of the list, the reads alerted once
    expect(ncicAlerts.length).toBe(ncic.reduce((n, read) => n + matching(read.plate, read.state).length, 0));
    expect(listed.alerts.every((a) => a.status === 'unverified' && a.verification === null)).toBe(true);

    const human = member('alerts', 'list', '--timezone', 'UTC');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toBe(NOTICE);
    expect(human.stdout).toContain(
      `${ncicAlerts.length} confidential alert${ncicAlerts.length === 1 ? '' : 's'} (NCIC or state lists) withheld: you are not authorised`,
    );
    expect(human.stdout).not.toContain('NCIC stolen');

    const show = member('alert', 'show', String(ncicAlerts[0]!.id));
    expect(show.code).toBe(3);
    expect(show.stderr).toContain('Jane Doe is not authorised for it (policy 427.4(e))');

    expect(cmdr(...withReason, 'alerts', 'list', '--status', 'verified').code).toBe(2);
  });

  it('records a verification, lists the alert as confirmed, and keeps the superseded one in its history', () => {
    const alert = cmdr('--json', ...withReason, 'alerts', 'list', '--status', 'unverified')
      .json<{ alerts: Alert[] }>()
      .alerts.find((a) => a.listSource === 'NCIC')!;
    const show = cmdr(...withReason, 'alert', 'show', String(alert.id), '--timezone', 'UTC');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout.split('\n')[0]).toBe(NOTICE);
    expect(show.stdout).toContain(`Alert ${alert.id}: UNVERIFIED`);
    expect(show.stdout).toContain('No verification recorded');

    const verify = cmdr(
      ...withReason,
      'alert',
      'verify',
      String(alert.id),
      '--source',
      'NCIC',
      '--result',
      'confirmed',
      '--note',
      'NCIC hit confirmed by dispatch, record still active',
      '--checked-at',
      '2026-11-02T10:15:00Z',
      '--timezone',
      'UTC',
    );
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(
      new RegExp(
        `^Recorded verification \\d+ of alert ${alert.id}: confirmed through NCIC, checked 2026-11-02 10:15:00 \\+00:00 by Pat Commander`,
      ),
    );
    expect(verify.stdout).toContain(`Alert ${alert.id} is now confirmed.`);

    const confirmed = cmdr('--json', ...withReason, 'alerts', 'list', '--status', 'confirmed').json<{ alerts: Alert[] }>();
    expect(confirmed.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(confirmed.alerts[0]!.verification).toMatchObject({ source: 'NCIC', result: 'confirmed', checkedAt: '2026-11-02T10:15:00.000Z' });

    const cleared = cmdr(
      '--json',
      ...withReason,
      'alert',
      'verify',
      String(alert.id),
      '--source',
      'NCIC',
      '--result',
      'cleared',
      '--note',
      'Vehicle recovered, NCIC entry cleared',
    );
    expect(cleared.code, cleared.stderr).toBe(0);
    const { verification } = cleared.json<{ verification: Verification }>();
    const history = cmdr('--json', ...withReason, 'alert', 'show', String(alert.id)).json<{
      notice: string;
      alert: Alert;
      verifications: Verification[];
    }>();
    expect(history.notice).toBe(NOTICE);
    expect(history.alert.status).toBe('cleared');
    expect(history.verifications.map((v) => v.result)).toEqual(['cleared', 'confirmed']);
    expect(verification.supersedes).toBe(history.verifications[1]!.id);
    expect(cmdr('--json', ...withReason, 'alerts', 'list', '--status', 'confirmed').json<{ alerts: Alert[] }>().alerts).toEqual([]);

    const bad = cmdr(...withReason, 'alert', 'verify', String(alert.id), '--source', 'NCIC', '--result', 'maybe', '--note', 'not sure');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--result must be one of confirmed, not-confirmed, cleared.');
  });

  it('filters and sorts the alerts as the page does: list, plate, camera, read time, status; --sort and --order', () => {
    const listed = (...args: string[]) => {
      const run = cmdr('--json', ...withReason, 'alerts', 'list', '--limit', '1000', ...args);
      expect(run.code, run.stderr).toBe(0);
      return run.json<{ total: number; alerts: Alert[] }>();
    };
    const all = listed().alerts;
    expect(all.length).toBeGreaterThan(2);
    const ids = (alerts: Alert[]) => alerts.map((a) => a.id);

    // One list, by name in any case.
    const ncicOnly = listed('--list', 'ncic STOLEN');
    expect(ncicOnly.alerts.length).toBeGreaterThan(0);
    expect(ncicOnly.alerts.every((a) => a.entry.list === 'NCIC stolen')).toBe(true);
    // A plate pattern over the read's plate.
    const plate = ncic[0]!.plate;
    const byPlate = listed('--plate', `${plate.slice(0, 3).toLowerCase()}*`);
    expect(ids(byPlate.alerts)).toEqual(ids(all.filter((a) => a.read.plate.startsWith(plate.slice(0, 3)))));
    // Part of a camera's name.
    const camera = all[0]!.read.camera!;
    expect(ids(listed('--camera', camera.toUpperCase()).alerts)).toEqual(
      ids(all.filter((a) => a.read.camera?.toLowerCase().includes(camera.toLowerCase()))),
    );
    // The read's time: a window that holds every read, and one that ends before the first.
    const first = Math.min(...all.map((a) => Date.parse(a.read.capturedAt)));
    expect(listed('--from', '2020-01-01', '--to', '2030-12-31').total).toBe(all.length);
    expect(listed('--to', new Date(first - 1000).toISOString()).total).toBe(0);
    // Sorted by plate, oldest-first order reversed with --order.
    const byPlateAsc = listed('--sort', 'plate', '--order', 'asc').alerts.map((a) => a.read.plate);
    expect(byPlateAsc).toEqual([...byPlateAsc].sort());
    const desc = listed('--sort', 'plate', '--order', 'desc').alerts.map((a) => a.read.plate);
    expect(desc).toEqual([...byPlateAsc].reverse());

    // The table shows when each alert was raised; bad choices are usage errors that say what is allowed.
    const human = cmdr(...withReason, 'alerts', 'list', '--list', 'NCIC stolen', '--sort', 'read', '--timezone', 'UTC');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('raised');
    const badSort = cmdr(...withReason, 'alerts', 'list', '--sort', 'colour');
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toContain('--sort must be one of raised, read, plate, list, status, camera.');
    expect(cmdr(...withReason, 'alerts', 'list', '--order', 'sideways').code).toBe(2);
  });
});
