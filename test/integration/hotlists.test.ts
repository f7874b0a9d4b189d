/**
 * Hot lists on a real encrypted workspace holding a real import of plate reads: a list
 * imported (entries with their lines, rejects by line, the load recorded with its hash),
 * alerts raised against the stored reads, a re-import replacing the list, dates and states
 * that must raise nothing, partial plates added by hand, and the confidential data of NCIC
 * and state lists (427.4(e)) closed to a member without the authorisation.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, HotlistImportResult } from '../../src-main/contract/hotlists';
import type { PlateRead } from '../../src-main/contract/imports';
import { genetecList, importList, otherState, readsMatching, vigilantList, writeList } from '../fixtures/hotlists';
import { flockReadsMapping, writeFlockReadsCsv } from '../fixtures/plate-reads';
import { ACCESS, importOk, importWorkspace, storedReads } from '../support/import-support';
import {
  allEntries,
  COMMANDER,
  MEMBER,
  expectRefusal,
  lastEntry,
  objectsOf,
  openStore,
  removeTempFolders,
  signIn,
  tempFolder,
  type Person,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const AUTHORISED: Person = { username: 'aclark', fullName: 'Alex Clark', password: 'Confidential-Desk-2026!', roles: ['member'] };
const UNTRAINED: Person = { username: 'bnew', fullName: 'Bo New', password: 'Fresh-Recruit-Class-26', roles: ['member'] };
const COURSE = 'ALPR Operator Training';
const IN_FORCE = { effective: '2026-01-01', expires: '2026-12-31' };

let w: TestWorkspace;
let token: string;
let memberToken: string;
let authorisedToken: string;
let dir: string;
let reads: PlateRead[];

const alertsOf = (as: string, status?: Alert['status']) =>
  w.ws.call(as, 'alert.list', { limit: 1000, ...(status ? { status } : {}) }, ACCESS);
const listNamed = (name: string) => w.ws.call(token, 'hotlist.list', {}, ACCESS).find((l) => l.name === name)!;
const expectedAlerts = (entries: { plate: string; state?: string }[]) =>
  entries.reduce((n, e) => n + readsMatching(reads, e.plate, e.state).length, 0);

beforeAll(async () => {
  ({ w, token } = importWorkspace('hotlists'));
  dir = tempFolder('hotlists-files');
  const file = await writeFlockReadsCsv(path.join(dir, 'reads.csv'), { rows: 400, seed: 41 });
  const summary = await importOk(w.ws, token, file.file, { vendor: 'csv', mapping: flockReadsMapping(), timezone: 'UTC' });
  reads = storedReads(w.ws, token, summary.importId);

  w.ws.call(token, 'user.add', { ...MEMBER, confidentialAuthorized: false });
  w.ws.call(token, 'user.add', { ...AUTHORISED, confidentialAuthorized: true });
  w.ws.call(token, 'user.add', { ...UNTRAINED });
  w.ws.call(token, 'user.setConfidential', { username: COMMANDER.username, authorized: true });
  for (const person of [MEMBER, AUTHORISED])
    w.ws.call(token, 'training.record', { username: person.username, course: COURSE, completedOn: '2026-06-01' });
  token = signIn(w.ws, COMMANDER); // the authorisation counts from the next sign-in
  memberToken = signIn(w.ws, MEMBER);
  authorisedToken = signIn(w.ws, AUTHORISED);
});
afterAll(() => w?.ws.close());

describe('importing a hot list', () => {
  // reads[0..5] match; the rest must raise nothing: the state disagrees, expired, not yet in force, no such read
  const matching = [0, 1, 2, 3, 4, 5];
  let first: HotlistImportResult;
  let text: string;

  it('stores the entries with their lines, rejects a malformed line by number, and raises alerts for the stored reads', async () => {
    const entries = [
      ...matching.map((i) => ({ plate: reads[i]!.plate, state: reads[i]!.state ?? undefined, ...IN_FORCE, permit: `P${i}` })),
      { plate: reads[6]!.plate, state: otherState(reads[6]!.state), ...IN_FORCE },
      { plate: reads[7]!.plate, state: reads[7]!.state ?? undefined, effective: '2026-01-01', expires: '2026-11-01' },
      { plate: reads[8]!.plate, effective: '2026-12-15', expires: '2027-01-31' },
      { plate: 'NOSUCH1', ...IN_FORCE },
    ];
    text = genetecList(entries) + '\r\nABC123;CA;extra\r\n';
    const file = writeList(dir, 'ncic-stolen.txt', text);
    first = await importList(w.ws, token, { source: { path: file }, list: 'NCIC stolen vehicles', listSource: 'NCIC' }, ACCESS);

    const expected = expectedAlerts(entries.slice(0, 6));
    expect(expected).toBeGreaterThanOrEqual(6);
    expect(first).toMatchObject({
      list: 'NCIC stolen vehicles',
      format: 'genetec',
      entries: 10,
      rejected: 1,
      retired: 0,
      alerts: expected,
    });
    expect(first.rejects).toEqual([{ line: 11, column: null, reason: expect.stringMatching(/the line has 3 fields/) }]);

    expect(listNamed('NCIC stolen vehicles')).toMatchObject({ source: 'NCIC', confidential: true, active: 8, inactive: 2 });
    const page = w.ws.call(token, 'hotlist.entries', { listId: first.listId }, ACCESS);
    expect(page.total).toBe(10);
    expect(page.entries.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.entries.map((e) => e.status)).toEqual([...Array(7).fill('active'), 'expired', 'not-yet-effective', 'active']);
    expect(page.entries[0]).toMatchObject({
      plate: reads[0]!.plate,
      reason: 'Stolen vehicle',
      note: 'Permit ID P0',
      addedBy: `${COMMANDER.fullName} (${COMMANDER.username})`,
    });

    // The alerts name exactly the reads that match, unverified, raised by the new entries.
    const alerts = alertsOf(token).alerts.filter((a) => a.entry.listId === first.listId);
    expect(alerts).toHaveLength(expected);
    const expectedReads = matching.flatMap((i) => readsMatching(reads, reads[i]!.plate, reads[i]!.state).map((r) => r.id));
    expect(alerts.map((a) => a.read.id).sort()).toEqual(expectedReads.sort());
    for (const alert of alerts) {
      expect(alert).toMatchObject({ status: 'unverified', raisedBy: 'entry', listSource: 'NCIC', verification: null });
      expect(alert.read.plate).toBe(alert.entry.plate);
    }
  });

  it('records the load (file, size, SHA-256, format, counts, who, when) and its rejects, and logs it', () => {
    const db = openStore(w.ws);
    const load = db.prepare('SELECT * FROM hotlist_loads WHERE list_id = ?').get(first.listId) as Record<string, unknown>;
    expect(load).toMatchObject({
      file_name: 'ncic-stolen.txt',
      size: Buffer.byteLength(text),
      sha256: crypto.createHash('sha256').update(text).digest('hex'),
      format: 'genetec',
      entries: 10,
      rejected: 1,
      loaded_by_name: `${COMMANDER.fullName} (${COMMANDER.username})`,
      loaded_at: w.clock.now().toISOString(),
    });
    expect(db.prepare('SELECT line, reason FROM hotlist_load_rejects WHERE load_id = ?').all(load.id)).toEqual([
      { line: 11, reason: expect.stringMatching(/3 fields/) },
    ]);
    const entry = allEntries(w.ws).findLast((e) => e.operation === 'hotlist.import')!;
    expect(entry).toMatchObject({ outcome: 'ok', username: COMMANDER.username, caseNumber: ACCESS.caseNumber });
    expect(objectsOf(entry).touched).toContainEqual(
      expect.objectContaining({ list: 'NCIC stolen vehicles', loadId: load.id, entries: 10, rejected: 1, alerts: first.alerts }),
    );
  });

  it('importing into the list again replaces it: earlier entries retired (kept, with their alerts), new ones matched', async () => {
    const before = alertsOf(token).total;
    const entries = [0, 9, 10].map((i) => ({ plate: reads[i]!.plate, state: reads[i]!.state ?? undefined, ...IN_FORCE }));
    const file = writeList(dir, 'ncic-stolen-2.txt', genetecList(entries));
    const second = await importList(w.ws, token, { source: { path: file }, list: 'ncic STOLEN vehicles' }, ACCESS);
    // Read 0's plate was on the list before: its reads keep their alerts and raise none again; 9 and 10 are new.
    expect(second).toMatchObject({ listId: first.listId, entries: 3, rejected: 0, retired: 10, alerts: expectedAlerts(entries.slice(1)) });
    expect(second.alerts).toBeGreaterThan(0);

    const page = w.ws.call(token, 'hotlist.entries', { listId: first.listId, limit: 100 }, ACCESS);
    expect(page.total).toBe(13);
    expect(page.entries.slice(0, 3).map((e) => [e.plate, e.status])).toEqual(entries.map((e) => [e.plate, 'active']));
    expect(page.entries.slice(3).every((e) => e.status === 'retired')).toBe(true);
    expect(listNamed('NCIC stolen vehicles')).toMatchObject({ active: 3, inactive: 10 });
    // old alerts stay; only the new plates' reads were added to the queue
    expect(alertsOf(token).total).toBe(before + second.alerts);
    // the same file again: everything retired and replaced, nothing new in the queue
    const third = await importList(w.ws, token, { source: { path: file }, list: 'ncic STOLEN vehicles' }, ACCESS);
    expect(third).toMatchObject({ entries: 3, retired: 3, alerts: 0 });
    expect(alertsOf(token).total).toBe(before + second.alerts);
  });

  it('refuses a new list without its source, and an existing list given another source', async () => {
    const file = writeList(dir, 'nosource.txt', genetecList([{ plate: 'ABC123' }]));
    await expect(importList(w.ws, token, { source: { path: file }, list: 'Brand new' }, ACCESS)).rejects.toMatchObject({
      code: 'list-source-required',
    });
    await expect(
      importList(w.ws, token, { source: { path: file }, list: 'NCIC stolen vehicles', listSource: 'local' }, ACCESS),
    ).rejects.toMatchObject({
      code: 'list-source-differs',
    });
    expect(w.ws.call(token, 'hotlist.list', {}, ACCESS).map((l) => l.name)).not.toContain('Brand new');
  });

  it('a file with no readable entry leaves the list as it was; an unknown layout is refused with a sentence', async () => {
    const before = listNamed('NCIC stolen vehicles');
    const bad = writeList(dir, 'all-bad.txt', 'ABC;CA;x\nDEF;CA;y\n');
    await expect(
      importList(w.ws, token, { source: { path: bad }, list: 'NCIC stolen vehicles', format: 'genetec' }, ACCESS),
    ).rejects.toMatchObject({
      code: 'hotlist-no-entries',
      message: expect.stringMatching(/2 lines refused; line 1: the line has 3 fields.*The list was left as it was/),
    });
    const unknown = writeList(dir, 'extract.csv', 'LIC,LIS,LIY,MKE\n4ABC567,CA,2027-01-31,STOLEN\n');
    await expect(importList(w.ws, token, { source: { path: unknown }, list: 'NCIC stolen vehicles' }, ACCESS)).rejects.toMatchObject({
      code: 'hotlist-layout-unknown',
    });
    expect(listNamed('NCIC stolen vehicles')).toEqual(before);
  });

  it('reads a state extract through a saved mapping profile', async () => {
    w.ws.call(token, 'hotlistProfile.save', {
      name: 'State extract',
      mapping: { delimiter: '|', columns: { plate: 'LIC', state: 'LIS', reason: 'MKE', expires: 'LIY' } },
    });
    expect(w.ws.call(token, 'hotlistProfile.list', {}).map((p) => p.name)).toEqual(['State extract']);
    const r = reads[30]!;
    const file = writeList(dir, 'state.txt', `LIC|LIS|LIY|MKE\n${r.plate}|${r.state}|2026-12-31|STOLEN PLATE\n`);
    const result = await importList(
      w.ws,
      token,
      {
        source: { path: file },
        list: 'State wanted',
        listSource: 'state',
        profile: 'State extract',
      },
      ACCESS,
    );
    expect(result).toMatchObject({ format: 'mapped', entries: 1, alerts: readsMatching(reads, r.plate, r.state).length });
    expect(listNamed('State wanted')).toMatchObject({ source: 'state', confidential: true });
  });
});

describe('entries added by hand', () => {
  it('a partial plate matches exactly the reads its pattern names, of any capture time, and no others', () => {
    const p = reads[20]!.plateNormalized;
    const pattern = `${p.slice(0, 2)}?${p.slice(3, 5)}*`;
    const expected = readsMatching(reads, pattern);
    const out = w.ws.call(
      token,
      'hotlist.add',
      {
        plate: pattern.toLowerCase(),
        reason: 'Partial plate seen leaving the shooting on Main St',
        caseNumber: '26-5501',
        expires: '2026-12-20',
      },
      ACCESS,
    );
    expect(out.entry).toMatchObject({ list: 'Manual entries', plateNormalized: pattern, partial: true, status: 'active', line: null });
    expect(out.alerts).toBe(expected.length);
    const alerts = alertsOf(token).alerts.filter((a) => a.entry.id === out.entry.id);
    expect(alerts.map((a) => a.read.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(listNamed('Manual entries')).toMatchObject({ source: 'local', confidential: false });
  });

  it('a wildcard anywhere and a state: only reads of that state', () => {
    const r = reads[21]!;
    const pattern = `*${r.plateNormalized.slice(2, 6)}*`;
    const expected = readsMatching(reads, pattern, r.state);
    expect(expected.map((m) => m.id)).toContain(r.id);
    const out = w.ws.call(
      token,
      'hotlist.add',
      { plate: pattern, state: r.state!, reason: 'Witness saw four characters', caseNumber: '26-5502', expires: '2026-12-20' },
      ACCESS,
    );
    expect(out.alerts).toBe(expected.length);
    const ids = alertsOf(token)
      .alerts.filter((a) => a.entry.id === out.entry.id)
      .map((a) => a.read.id);
    expect(ids.sort()).toEqual(expected.map((m) => m.id).sort());
    // a read of another state with the same characters would not do: every match is of the state
    expect(ids.every((id) => reads.find((m) => m.id === id)!.state === r.state)).toBe(true);
  });

  it('a full plate whose state disagrees, or that is not yet in force, raises nothing', () => {
    const r = reads[22]!;
    const base = { reason: 'Stolen plate reported by owner', caseNumber: '26-5503', expires: '2026-12-31' };
    expect(w.ws.call(token, 'hotlist.add', { ...base, plate: r.plate, state: otherState(r.state) }, ACCESS).alerts).toBe(0);
    expect(w.ws.call(token, 'hotlist.add', { ...base, plate: r.plate, effective: '2026-12-01' }, ACCESS)).toMatchObject({
      alerts: 0,
      entry: { status: 'not-yet-effective' },
    });
  });

  it('refuses an expiry in the past and a partial plate with too few known characters', () => {
    const base = { reason: 'Partial plate from a robbery', caseNumber: '26-5504' };
    expectRefusal(() => w.ws.call(token, 'hotlist.add', { ...base, plate: 'ABC1234', expires: '2026-11-28' }, ACCESS), {
      kind: 'invalid',
      code: 'expiry-past',
      message: /2026-11-28 is in the past/,
    });
    expectRefusal(() => w.ws.call(token, 'hotlist.add', { ...base, plate: 'A*7', expires: '2026-12-28' }, ACCESS), {
      kind: 'invalid',
      code: 'bad-plate',
      message: /^The partial plate A\*7 has 2 known characters; give at least 3/,
    });
  });

  it('an entry taken off its list stays listed as retired, with who and why in the log', () => {
    const out = w.ws.call(
      token,
      'hotlist.add',
      { plate: 'RET1RE1', reason: 'Stolen plate', caseNumber: '26-5505', expires: '2026-12-31' },
      ACCESS,
    );
    const retired = w.ws.call(token, 'hotlist.retireEntry', { entryId: out.entry.id, reason: 'Plate recovered by owner' }, ACCESS);
    expect(retired.status).toBe('retired');
    expect(objectsOf(lastEntry(w.ws)).touched).toContainEqual(expect.objectContaining({ entry: out.entry.id }));
    expectRefusal(() => w.ws.call(token, 'hotlist.retireEntry', { entryId: out.entry.id, reason: 'again' }, ACCESS), {
      kind: 'invalid',
      code: 'already-retired',
    });
  });
});

describe('confidential state and federal data (427.4(e))', () => {
  it('a member without the authorisation sees every list named, but not an NCIC list’s entries; the refusal is logged', () => {
    const lists = w.ws.call(memberToken, 'hotlist.list', {}, ACCESS);
    expect(lists.find((l) => l.name === 'NCIC stolen vehicles')).toMatchObject({ confidential: true });
    const ncic = listNamed('NCIC stolen vehicles');
    expectRefusal(() => w.ws.call(memberToken, 'hotlist.entries', { listId: ncic.id }, ACCESS), {
      kind: 'denied',
      code: 'confidential-required',
      message: /[Tt]he hot list NCIC stolen vehicles \(NCIC\) is confidential state or federal data: Jordan Morales is not authorised/,
    });
    expect(lastEntry(w.ws)).toMatchObject({
      operation: 'hotlist.entries',
      outcome: 'denied',
      username: MEMBER.username,
      reason: expect.stringMatching(/427\.4\(e\)/),
    });
    // a local list is open to the member
    expect(w.ws.call(memberToken, 'hotlist.entries', { listId: listNamed('Manual entries').id }, ACCESS).total).toBeGreaterThan(0);
  });

  it('alert.list leaves NCIC and state alerts out for the member and says how many; the member may work local alerts', () => {
    const all = alertsOf(token);
    const confidential = all.alerts.filter((a) => a.listSource !== 'local');
    expect(confidential.length).toBeGreaterThan(0);
    const theirs = alertsOf(memberToken);
    expect(theirs.withheldConfidential).toBe(confidential.length);
    expect(theirs.total).toBe(all.total - confidential.length);
    expect(theirs.alerts.every((a) => a.listSource === 'local')).toBe(true);

    const local = theirs.alerts[0]!;
    expect(w.ws.call(memberToken, 'alert.get', { alertId: local.id }, ACCESS).alert.id).toBe(local.id);
    const ncic = confidential[0]!;
    const check = { alertId: ncic.id, source: 'NCIC', result: 'confirmed' as const, note: 'Plate confirmed stolen in NCIC' };
    expectRefusal(() => w.ws.call(memberToken, 'alert.verify', check, ACCESS), { kind: 'denied', code: 'confidential-required' });
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'alert.verify', outcome: 'denied' });
    expectRefusal(() => w.ws.call(memberToken, 'alert.get', { alertId: ncic.id }, ACCESS), {
      kind: 'denied',
      code: 'confidential-required',
    });

    // an authorised member is let in
    expect(alertsOf(authorisedToken).withheldConfidential).toBe(0);
    expect(w.ws.call(authorisedToken, 'hotlist.entries', { listId: ncic.entry.listId }, ACCESS).total).toBeGreaterThan(0);
    expect(w.ws.call(authorisedToken, 'alert.verify', check, ACCESS).alert.status).toBe('confirmed');

    // revoked by the commander: refused from the next call, without signing in again
    const authorised = w.ws.call(authorisedToken, 'session.whoami', {}).username;
    w.ws.call(token, 'user.setConfidential', { username: authorised, authorized: false });
    expectRefusal(() => w.ws.call(authorisedToken, 'alert.get', { alertId: ncic.id }, ACCESS), {
      kind: 'denied',
      code: 'confidential-required',
    });
    expect(alertsOf(authorisedToken).withheldConfidential).toBe(confidential.length);
    w.ws.call(token, 'user.setConfidential', { username: authorised, authorized: true });
  });

  it('a member may not import lists at all; a new NCIC list by someone not authorised is refused', async () => {
    const file = writeList(dir, 'vig.csv', vigilantList([{ plate: 'ABC1234', state: 'CA' }]));
    await expect(
      importList(w.ws, memberToken, { source: { path: file }, list: 'Vigilant', listSource: 'local' }, ACCESS),
    ).rejects.toMatchObject({
      code: 'not-permitted',
    });
    // the administrator may import lists, but is not authorised for confidential data
    const admin: Person = { username: 'kreyes', fullName: 'Kim Reyes', password: 'Evidence-Locker-Key-88', roles: ['administrator'] };
    w.ws.call(token, 'user.add', admin);
    w.ws.call(token, 'training.record', { username: admin.username, course: COURSE, completedOn: '2026-06-01' });
    const adminToken = signIn(w.ws, admin);
    await expect(
      importList(w.ws, adminToken, { source: { path: file }, list: 'New NCIC', listSource: 'NCIC' }, ACCESS),
    ).rejects.toMatchObject({
      code: 'confidential-required',
    });
    await expect(importList(w.ws, adminToken, { source: { path: file }, list: 'NCIC stolen vehicles' }, ACCESS)).rejects.toMatchObject({
      code: 'confidential-required',
    });
    expect((await importList(w.ws, adminToken, { source: { path: file }, list: 'Vigilant', listSource: 'local' }, ACCESS)).format).toBe(
      'vigilant',
    );
  });
});

describe('the gate', () => {
  it('refuses a member without current training', () => {
    const untrained = signIn(w.ws, UNTRAINED);
    expectRefusal(() => w.ws.call(untrained, 'alert.list', {}, ACCESS), { kind: 'denied', code: 'training-required' });
  });

  it('refuses a purpose that states nothing', () => {
    expectRefusal(() => w.ws.call(token, 'alert.list', {}, { caseNumber: '26-1', purpose: 'investigation' }), {
      kind: 'denied',
      code: 'purpose-vague',
    });
  });
});
