/**
 * The home screen's counts (`home.tiles`) per role, on a real encrypted workspace, moving as
 * the work they count moves: alerts are raised and verified (an NCIC list's alerts counted
 * only for someone authorised for them), training is recorded and expires, a person is
 * locked out and the lock ends, an import rejects rows, the checkpoint folder is chosen; and
 * the first steps of a new workspace are checked off. Each count equals the filtered list
 * its tile opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_TILES, inPeopleView, type Home, type HomeTileId, type PeopleView } from '../../src-main/contract/home';
import { CustodianError } from '../../src-main/core/errors';
import { csvRecord } from '../fixtures/files';
import { importList, vigilantList, writeList } from '../fixtures/hotlists';
import { FLOCK_CSV_HEADER, flockCsvCells, flockRead, flockReadsMapping } from '../fixtures/plate-reads';
import { ACCESS, importOk, importWorkspace } from '../support/import-support';
import {
  ADMINISTRATOR,
  AUDITOR,
  COMMANDER,
  MEMBER,
  addPerson,
  lastEntry,
  objectsOf,
  removeTempFolders,
  signIn,
  tempFolder,
  type Person,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const COURSE = 'ALPR Operator Training';
const CSV = { vendor: 'csv' as const, mapping: flockReadsMapping(), timezone: 'UTC' };
const SEED = 83;

let w: TestWorkspace;
let commander: string;
let dir: string;
const tokens = new Map<string, string>();

/** The home screen as `person` gets it, through the gate (signed in once, kept for the file). */
function homeOf(person: Person): Home {
  let token = tokens.get(person.username);
  if (!token) {
    token = person === COMMANDER ? commander : signIn(w.ws, person);
    tokens.set(person.username, token);
  }
  return w.ws.call(token, 'home.tiles', {});
}

function counts(person: Person): Partial<Record<HomeTileId, number>> {
  return Object.fromEntries(homeOf(person).tiles.map((tile) => [tile.id, tile.count]));
}

/** The people a view of the People & training list shows, as the page filters `user.list`. */
function peopleIn(view: PeopleView): string[] {
  return w.ws
    .call(commander, 'user.list', {})
    .filter((person) => inPeopleView(view, person))
    .map((person) => person.username);
}

const unverifiedListed = (person: Person) => w.ws.call(tokens.get(person.username)!, 'alert.list', { status: 'unverified' }, ACCESS).total;

/** Move the clock on; sessions idle-lock after 15 minutes, so everyone signs in again. */
function later(ms: number): void {
  w.clock.advance(ms);
  tokens.clear();
  commander = signIn(w.ws, COMMANDER);
}

function failSignIn(username: string, times: number): void {
  for (let i = 0; i < times; i++) {
    expect(() => w.ws.signIn(username, `Not-the-password-${i}`)).toThrow(CustodianError);
  }
}

beforeAll(() => {
  // a workspace after the fixtures' capture times, its commander trained
  ({ w, token: commander } = importWorkspace('home'));
  dir = tempFolder('home-files');
});
afterAll(() => w?.ws.close());

describe('home.tiles', () => {
  it('gives each role only the tiles whose lists it may open, and a new workspace its first steps', () => {
    expect(homeOf(COMMANDER).tiles.map((tile) => tile.id)).toEqual(Object.keys(HOME_TILES));
    expect(homeOf(COMMANDER).firstSteps).toEqual([
      { id: 'add-people', permission: 'users.manage', done: false, opens: { module: 'people', query: {} } },
      // importWorkspace recorded the commander's training
      { id: 'record-training', permission: 'training.manage', done: true, opens: { module: 'people', query: {} } },
      { id: 'choose-checkpoint-folder', permission: 'settings.manage', done: false, opens: { module: 'settings', query: {} } },
      { id: 'set-up-signing', permission: 'signing.manage', done: false, opens: { module: 'settings', query: {} } },
      { id: 'import-first-export', permission: 'imports.run', done: false, opens: { module: 'imports', query: {} } },
    ]);
    expect(counts(COMMANDER)).toEqual({
      'alerts-unverified': 0,
      'imports-with-rejects': 0,
      'training-expiring': 0,
      'training-missing': 0,
      'people-locked-out': 0,
      'holds-awaiting-review': 0,
      'reads-past-retention': 0,
      'checkpoint-folder-unset': 1,
    });
    const tile = homeOf(COMMANDER).tiles.find((t) => t.id === 'alerts-unverified');
    expect(tile).toEqual({
      id: 'alerts-unverified',
      permission: 'alpr.read',
      count: 0,
      detail: null,
      opens: { module: 'alerts', query: { status: 'unverified' } },
    });

    for (const person of [ADMINISTRATOR, MEMBER, AUDITOR]) addPerson(w.ws, commander, person);
    expect(Object.keys(counts(ADMINISTRATOR))).toEqual([
      'alerts-unverified',
      'imports-with-rejects',
      'training-expiring',
      'training-missing',
      'people-locked-out',
      'holds-awaiting-review',
      'reads-past-retention',
    ]);
    expect(homeOf(ADMINISTRATOR).firstSteps.map((step) => [step.id, step.done])).toEqual([
      ['add-people', true],
      ['record-training', true],
      ['import-first-export', false],
    ]);
    expect(homeOf(MEMBER)).toEqual({
      tiles: [
        {
          id: 'alerts-unverified',
          permission: 'alpr.read',
          count: 0,
          detail: null,
          opens: { module: 'alerts', query: { status: 'unverified' } },
        },
      ],
      firstSteps: [],
    });
    // nothing on the home screen is an auditor's to open
    expect(homeOf(AUDITOR)).toEqual({ tiles: [], firstSteps: [] });

    // every call is logged, with the counts it gave
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'home.tiles', username: AUDITOR.username, outcome: 'ok' });
    w.ws.call(commander, 'home.tiles', {});
    expect(objectsOf(lastEntry(w.ws)).touched).toEqual([expect.objectContaining({ 'alerts-unverified': 0, 'checkpoint-folder-unset': 1 })]);
  });

  it('counts training missing and expiring as the People filters list them, and moves as training expires', () => {
    // the administrator and the member have no training; the auditor needs none
    expect(counts(COMMANDER)).toMatchObject({ 'training-missing': 2, 'training-expiring': 0 });
    expect(peopleIn('training-missing')).toEqual([MEMBER.username, ADMINISTRATOR.username].sort());

    const today = w.clock.today();
    const inDays = (n: number) => new Date(w.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    w.ws.call(commander, 'training.record', { username: MEMBER.username, course: COURSE, completedOn: today, expiresOn: inDays(10) });
    w.ws.call(commander, 'training.record', {
      username: ADMINISTRATOR.username,
      course: COURSE,
      completedOn: today,
      expiresOn: inDays(45),
    });
    expect(counts(ADMINISTRATOR)).toMatchObject({ 'training-missing': 0, 'training-expiring': 1 });
    expect(peopleIn('training-expiring')).toEqual([MEMBER.username]);
    const member = w.ws.call(commander, 'user.list', {}).find((p) => p.username === MEMBER.username)!;
    expect(member.training).toMatchObject({ current: true, expiresOn: inDays(10), expiringSoon: true });

    // 20 days on: the member's training has expired, the administrator's is within 30 days of its end
    later(20 * 86_400_000);
    expect(counts(COMMANDER)).toMatchObject({ 'training-missing': 1, 'training-expiring': 1 });
    expect(peopleIn('training-missing')).toEqual([MEMBER.username]);
    expect(peopleIn('training-expiring')).toEqual([ADMINISTRATOR.username]);

    // new training for the member ends both
    w.ws.call(commander, 'training.record', { username: MEMBER.username, course: COURSE, completedOn: w.clock.today() });
    w.ws.call(commander, 'training.record', { username: ADMINISTRATOR.username, course: COURSE, completedOn: w.clock.today() });
    expect(counts(COMMANDER)).toMatchObject({ 'training-missing': 0, 'training-expiring': 0 });
  });

  it('counts the accounts locked out, never a name that is no account, until the lock ends', () => {
    failSignIn(MEMBER.username, 5);
    failSignIn('no-such-person', 5);
    failSignIn(AUDITOR.username, 2);
    expect(counts(ADMINISTRATOR)).toMatchObject({ 'people-locked-out': 1 });
    expect(peopleIn('locked-out')).toEqual([MEMBER.username]);
    const member = w.ws.call(commander, 'user.list', {}).find((p) => p.username === MEMBER.username)!;
    expect(Date.parse(member.lockedUntil!)).toBe(w.clock.now().getTime() + 10 * 60_000);

    later(11 * 60_000);
    expect(counts(ADMINISTRATOR)).toMatchObject({ 'people-locked-out': 0 });
    expect(peopleIn('locked-out')).toEqual([]);
  });

  it('counts unverified alerts as the Alerts list does, leaving out NCIC alerts for someone not authorised', async () => {
    const reads = Array.from({ length: 40 }, (_, i) => flockRead(SEED, i));
    const inForce = { expires: '2027-12-31' };
    await importList(
      w.ws,
      commander,
      {
        source: { path: writeList(dir, 'local.csv', vigilantList([0, 1, 2].map((i) => ({ plate: reads[i]!.plate, ...inForce })))) },
        list: 'Local stolen',
        listSource: 'local',
      },
      ACCESS,
    );
    w.ws.call(commander, 'user.setConfidential', { username: COMMANDER.username, authorized: true });
    await importList(
      w.ws,
      commander,
      {
        source: { path: writeList(dir, 'ncic.csv', vigilantList([3, 4].map((i) => ({ plate: reads[i]!.plate, ...inForce })))) },
        list: 'NCIC stolen vehicles',
        listSource: 'NCIC',
      },
      ACCESS,
    );
    // one row the import cannot read (no plate): the import has rejects
    const lines = reads.map((read, i) => csvRecord(flockCsvCells(i === 20 ? { ...read, plate: '' } : read)));
    const file = path.join(dir, 'reads.csv');
    fs.writeFileSync(file, [FLOCK_CSV_HEADER.join(','), ...lines].join('\n') + '\n');
    const summary = await importOk(w.ws, commander, file, CSV);
    expect(summary).toMatchObject({ rejected: 1, alerts: 5 });

    expect(counts(COMMANDER)).toMatchObject({ 'alerts-unverified': 5, 'imports-with-rejects': 1 });
    expect(counts(MEMBER)).toEqual({ 'alerts-unverified': 3 });
    expect(unverifiedListed(COMMANDER)).toBe(5);
    expect(unverifiedListed(MEMBER)).toBe(3);
    // the imports tile opens the history of the imports with rejects: exactly those
    expect(w.ws.call(commander, 'import.list', { withRejects: true }).map((r) => r.importId)).toEqual([summary.importId]);

    // verified alerts leave the count, whatever the result
    const listed = w.ws.call(commander, 'alert.list', { status: 'unverified' }, ACCESS).alerts;
    const local = listed.filter((a) => a.listSource === 'local');
    const ncic = listed.find((a) => a.listSource === 'NCIC')!;
    for (const [alert, result] of [
      [local[0]!, 'confirmed'],
      [ncic, 'cleared'],
    ] as const) {
      w.ws.call(commander, 'alert.verify', { alertId: alert.id, source: 'NCIC', result, note: 'Checked against NCIC by radio' }, ACCESS);
    }
    expect(counts(COMMANDER)).toMatchObject({ 'alerts-unverified': 3 });
    expect(counts(MEMBER)).toEqual({ 'alerts-unverified': 2 });
    expect(unverifiedListed(MEMBER)).toBe(2);
  });

  it('checks off the first steps as they are done, then leaves them out; the checkpoint tile goes with a folder', () => {
    expect(homeOf(COMMANDER).firstSteps.map((step) => [step.id, step.done])).toEqual([
      ['add-people', true],
      ['record-training', true],
      ['choose-checkpoint-folder', false],
      ['set-up-signing', false],
      ['import-first-export', true],
    ]);
    // the administrator has done every step that is theirs
    expect(homeOf(ADMINISTRATOR).firstSteps).toEqual([]);

    w.ws.call(commander, 'settings.update', { checkpointFolder: tempFolder('home-checkpoints') });
    expect(
      homeOf(COMMANDER)
        .firstSteps.filter((step) => !step.done)
        .map((step) => step.id),
    ).toEqual(['set-up-signing']);
    w.ws.call(commander, 'signing.generate', { commonName: 'Records Unit, Parsons PD' });
    const home = homeOf(COMMANDER);
    expect(home.firstSteps).toEqual([]);
    expect(home.tiles.find((tile) => tile.id === 'checkpoint-folder-unset')?.count).toBe(0);
  });
});
