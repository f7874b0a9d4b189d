/**
 * The alert queue (`alert.list`, issue 13) on a real encrypted workspace holding 600 alerts
 * (test/support/alert-seed.ts: three lists, local, NCIC and state; reads over 30 days from 40
 * cameras; about four in ten verified): every sort key in both directions, every filter alone
 * and together, paging that neither skips nor repeats, and confidential alerts left out for a
 * member without the authorisation and counted under the same filters (427.4(e)). Each
 * answer is held against the whole queue read once and sorted or filtered here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_SORTS, type Alert, type AlertListInput, type AlertSort } from '../../src-main/contract/hotlists';
import { normalisePattern, patternMatcher } from '../../src-main/core/reads/plates';
import { SEEDED_CAMERAS, SEEDED_LISTS, seedAlerts, type AlertSeed } from '../support/alert-seed';
import { ACCESS, importWorkspace } from '../support/import-support';
import {
  addPerson,
  COMMANDER,
  expectRefusal,
  lastEntry,
  MEMBER,
  objectsOf,
  openStore,
  removeTempFolders,
  signIn,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const COUNT = 600;
const CONFIDENTIAL = new Set(['NCIC', 'state']);

let w: TestWorkspace;
let token: string;
let memberToken: string;
let seed: AlertSeed;
/** the whole queue, as the commander (authorised) sees it, in the default order */
let all: Alert[];

const list = (input: AlertListInput, as = token) => w.ws.call(as, 'alert.list', input, ACCESS);
const ids = (alerts: readonly Alert[]) => alerts.map((a) => a.id);

const STATUS_RANK = { unverified: 0, confirmed: 1, 'not-confirmed': 2, cleared: 3 } as const;
/** Each sort key as this test reads it from an alert, independently of the store's SQL. */
const KEY: Record<AlertSort, (a: Alert) => string | number> = {
  raised: (a) => a.raisedAt,
  read: (a) => Date.parse(a.read.capturedAt),
  plate: (a) => a.read.plate,
  list: (a) => a.entry.list.toLowerCase(),
  status: (a) => STATUS_RANK[a.status],
  camera: (a) => a.read.camera ?? '',
};

function sortedHere(alerts: readonly Alert[], sort: AlertSort, order: 'asc' | 'desc'): number[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...alerts]
    .sort((x, y) => {
      const a = KEY[sort](x);
      const b = KEY[sort](y);
      return sign * (a < b ? -1 : a > b ? 1 : x.id - y.id);
    })
    .map((a) => a.id);
}

beforeAll(() => {
  ({ w, token } = importWorkspace('alert-queue'));
  w.ws.call(token, 'user.setConfidential', { username: COMMANDER.username, authorized: true });
  // Signed in again after the grant: a session carries what its person was allowed when it began.
  token = signIn(w.ws, COMMANDER);
  addPerson(w.ws, token, MEMBER);
  w.ws.call(token, 'training.record', { username: MEMBER.username, course: 'ALPR Operator Training', completedOn: w.clock.today() });
  memberToken = signIn(w.ws, MEMBER);
  const db = openStore(w.ws);
  const commanderId = db.prepare('SELECT id FROM accounts WHERE username = ?').pluck().get(COMMANDER.username) as number;
  seed = seedAlerts(db, COUNT, commanderId, w.clock.now().getTime());
  all = list({ limit: 1000 }).alerts;
});
afterAll(() => w?.ws.close());

describe('the alert queue', () => {
  it('holds every alert once, newest raised first by default', () => {
    expect(all).toHaveLength(COUNT);
    expect(new Set(ids(all)).size).toBe(COUNT);
    expect(ids(all)).toEqual(sortedHere(all, 'raised', 'desc'));
    expect(list({}).total).toBe(COUNT);
  });

  it('sorts by every key, both ways, with the alert number breaking ties', () => {
    for (const sort of ALERT_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        expect(ids(list({ sort, order, limit: 1000 }).alerts), `${sort} ${order}`).toEqual(sortedHere(all, sort, order));
      }
    }
  });

  it('pages through the queue without skipping or repeating an alert, whatever the sort', () => {
    for (const sort of ['plate', 'status'] as const) {
      const pages: number[] = [];
      for (let offset = 0; offset < COUNT + 100; offset += 70) {
        const page = list({ sort, order: 'asc', offset, limit: 70 });
        expect(page.total).toBe(COUNT);
        pages.push(...ids(page.alerts));
      }
      expect(pages).toEqual(sortedHere(all, sort, 'asc'));
    }
    expect(list({ offset: COUNT, limit: 10 }).alerts).toEqual([]);
  });

  it('filters by status, list, plate pattern, camera and the read’s time, alone and together', () => {
    const local = SEEDED_LISTS[0].name;
    const camera = SEEDED_CAMERAS[6]!; // "Unit 07 SB"
    const week = w.clock.now().getTime() - 7 * 86_400_000;
    const plates = all.map((a) => a.read.plate);
    // a pattern from a stored plate: its first two characters, then any run
    const pattern = `${plates[0]!.slice(0, 2)}*`;
    const oneMissing = `?${plates[1]!.slice(1)}`;
    const cases: [AlertListInput, (a: Alert) => boolean][] = [
      [{ status: 'unverified' }, (a) => a.status === 'unverified'],
      [{ status: 'confirmed' }, (a) => a.status === 'confirmed'],
      [{ status: 'cleared' }, (a) => a.status === 'cleared'],
      [{ list: local.toUpperCase() }, (a) => a.entry.list === local],
      [{ plate: pattern.toLowerCase() }, (a) => patternMatcher(normalisePattern(pattern))(a.read.plate)],
      [{ plate: oneMissing }, (a) => patternMatcher(normalisePattern(oneMissing))(a.read.plate)],
      [{ camera: 'unit 07' }, (a) => (a.read.camera ?? '').toLowerCase().includes('unit 07')],
      [{ from: new Date(week).toISOString() }, (a) => Date.parse(a.read.capturedAt) >= week],
      [{ to: new Date(week).toISOString() }, (a) => Date.parse(a.read.capturedAt) <= week],
      [
        { status: 'unverified', list: local, camera, from: new Date(week - 7 * 86_400_000).toISOString(), sort: 'plate', order: 'asc' },
        (a) =>
          a.status === 'unverified' &&
          a.entry.list === local &&
          a.read.camera === camera &&
          Date.parse(a.read.capturedAt) >= week - 7 * 86_400_000,
      ],
    ];
    for (const [input, keep] of cases) {
      const expected = all.filter(keep);
      expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0);
      const found = list({ ...input, limit: 1000 });
      expect(found.total, JSON.stringify(input)).toBe(expected.length);
      expect(ids(found.alerts), JSON.stringify(input)).toEqual(sortedHere(expected, input.sort ?? 'raised', input.order ?? 'desc'));
    }
    // The seed's own count of unverified alerts agrees.
    expect(list({ status: 'unverified' }).total).toBe(seed.unverified);
    // A "%" or "_" typed in the camera is taken as itself, not as a wildcard.
    expect(list({ camera: 'Unit_0' }).total).toBe(0);
    expect(list({ camera: '%' }).total).toBe(0);
  });

  it('withholds confidential alerts from a member without the authorisation, and counts them under the same filters', () => {
    const open = (keep: (a: Alert) => boolean) => all.filter((a) => keep(a) && !CONFIDENTIAL.has(a.listSource));
    const secret = (keep: (a: Alert) => boolean) => all.filter((a) => keep(a) && CONFIDENTIAL.has(a.listSource));
    const everything = () => true;
    const unverified = (a: Alert) => a.status === 'unverified';

    const first = list({ limit: 1000 }, memberToken);
    expect(first.total).toBe(open(everything).length);
    expect(first.withheldConfidential).toBe(secret(everything).length);
    expect(first.withheldConfidential).toBe(seed.byList[SEEDED_LISTS[1].name]! + seed.byList[SEEDED_LISTS[2].name]!);
    expect(ids(first.alerts)).toEqual(ids(open(everything)));

    const queue = list({ status: 'unverified', sort: 'camera', limit: 1000 }, memberToken);
    expect(queue.total).toBe(open(unverified).length);
    expect(queue.withheldConfidential).toBe(secret(unverified).length);
    expect(queue.alerts.every((a) => a.listSource === 'local')).toBe(true);

    // Asking for the NCIC list by name: nothing shown, all of it counted as withheld.
    const ncic = list({ list: SEEDED_LISTS[1].name }, memberToken);
    expect(ncic).toMatchObject({ total: 0, withheldConfidential: seed.byList[SEEDED_LISTS[1].name], alerts: [] });
    // The access log says how many were shown and how many withheld.
    expect(objectsOf(lastEntry(w.ws)).touched).toEqual([{ alerts: 0, withheldConfidential: seed.byList[SEEDED_LISTS[1].name] }]);

    // The authorised commander sees them all, and nothing is withheld.
    expect(list({ list: SEEDED_LISTS[1].name }).total).toBe(seed.byList[SEEDED_LISTS[1].name]);
    expect(list({}).withheldConfidential).toBe(0);
  });

  it('follows a new verification: the alert leaves the unverified queue and shows its new status', () => {
    const before = list({ status: 'unverified', limit: 1 });
    const alert = before.alerts[0]!;
    w.ws.call(
      token,
      'alert.verify',
      { alertId: alert.id, source: 'NCIC', result: 'confirmed', note: 'Confirmed by dispatch: record active.' },
      ACCESS,
    );
    expect(list({ status: 'unverified' }).total).toBe(before.total - 1);
    const confirmed = list({ status: 'confirmed', limit: 1000 });
    expect(ids(confirmed.alerts)).toContain(alert.id);
    expect(confirmed.alerts.find((a) => a.id === alert.id)!.verification).toMatchObject({ result: 'confirmed', supersedes: null });
  });

  it('refuses a window that ends before it starts, an unknown sort and a plate that is no pattern, naming the field', () => {
    expectRefusal(() => list({ from: '2026-11-20T00:00:00Z', to: '2026-11-19T00:00:00Z' }), {
      kind: 'invalid',
      code: 'invalid-input',
      message: /The time window ends before it starts \(to\)\./,
    });
    expectRefusal(() => list({ sort: 'colour' as AlertSort }), { kind: 'invalid', code: 'invalid-input', message: /sort/ });
    expectRefusal(() => list({ plate: 'AB%1' }), { kind: 'invalid', code: 'invalid-input', message: /plate/ });
  });
});
