/**
 * Retention on a real encrypted workspace (Policy 427.5): cases and holds, the preview, the
 * purge with its boundary to the second, holds by chosen reads, by query (reads imported
 * after it was placed included) and by import, released holds under both clock settings, a
 * cancelled purge finished by the next run with the same totals, the images shredded, the
 * alerts of destroyed reads gone, and a certificate that is a valid PDF carrying the counts
 * and the hash of the destroyed ids, made again byte for byte.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import type { JobProgress } from '../../src-main/contract/transport';
import { openEncrypted } from '../../src-main/core/store/database';
import { findAccountSlot, loadKeyring, openSlot } from '../../src-main/core/store/keyring';
import { workspaceFiles } from '../../src-main/core/store/paths';
import { ACCESS, importWorkspace } from '../support/import-support';
import { importReadRows, type ReadRow } from '../support/read-rows';
import { pdfInfo, pdfText, renderPages } from '../support/pdf-tools';
import {
  ADMINISTRATOR,
  addPerson,
  COMMANDER,
  expectRefusal,
  lastEntry,
  MEMBER,
  objectsOf,
  openStore,
  removeTempFolders,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const AS_OF = '2026-11-29T12:00:00.000Z';
const DAY = 86_400_000;
const PERIOD = 30 * DAY;
const before = (ms: number) => new Date(Date.parse(AS_OF) - ms).toISOString();
let w: TestWorkspace;
let token: string;
let dir: string;

/** Import reads in a folder of their own. */
const importRows = (name: string, rows: ReadRow[]) => importReadRows(w.ws, token, path.join(dir, name), name, rows);

const readIdOf = (vendorId: string) =>
  openStore(w.ws).prepare('SELECT id FROM plate_reads WHERE vendor_read_id = ?').pluck().get(vendorId) as number | undefined;
const stored = (...vendorIds: string[]) => vendorIds.filter((id) => readIdOf(id) !== undefined);

/** Run the purge as a job: as of a drill's time (AS_OF by default), or of the clock ('now'). */
async function purge(
  asOf: string = AS_OF,
  signal = new AbortController().signal,
  as = token,
  onProgress: (progress: JobProgress) => void = () => {},
): Promise<PurgeRun> {
  return (await w.ws.startJob(as, 'purge.run', asOf === 'now' ? {} : { asOf }, undefined, { signal, onProgress })) as PurgeRun;
}

beforeAll(async () => {
  ({ w, token } = importWorkspace('retention'));
  dir = tempFolder('retention-files');
  addPerson(w.ws, token, MEMBER);
  addPerson(w.ws, token, ADMINISTRATOR);
  w.ws.call(token, 'settings.update', { departmentName: 'Parsons Police Department' });
  await importRows('first', [
    { id: 'stays-1s', at: before(PERIOD - 1000), plate: 'KEEP001' },
    { id: 'goes-1s', at: before(PERIOD + 1000), plate: 'GONE001', image: true },
    { id: 'old-chosen', at: before(60 * DAY), plate: 'HELD001', image: true },
    { id: 'old-query', at: before(50 * DAY), plate: 'AB7712', camera: 'Oak Ave SB' },
    { id: 'old-query-other-camera', at: before(50 * DAY), plate: 'AB7812', camera: 'Main St NB' },
    { id: 'old-plain', at: before(45 * DAY), plate: 'GONE002', image: true },
    { id: 'old-alerted', at: before(40 * DAY), plate: 'HOTX999' },
  ]);
});
afterAll(() => w?.ws.close());

describe('cases and holds', () => {
  it('opens a case, refuses a second with the same number, and lists it', () => {
    const opened = w.ws.call(token, 'case.create', {
      number: '26-1187',
      title: 'Hit and run, Oak Ave',
      type: 'Traffic felony',
      lead: 'Det. R. Ortiz',
    });
    expect(opened).toMatchObject({ number: '26-1187', status: 'open', activeHolds: 0, openedOn: '2026-11-29' });
    expectRefusal(() => w.ws.call(token, 'case.create', { number: '26-1187', title: 'x', type: 'y', lead: 'z' }), {
      kind: 'invalid',
      code: 'case-exists',
    });
    expect(w.ws.call(token, 'case.list', {}).map((c) => c.number)).toEqual(['26-1187']);
  });

  it('places holds by chosen reads and by query, each saying what it keeps, logged; a member may not place one', () => {
    const chosen = w.ws.call(token, 'hold.place', { caseNumber: '26-1187', reason: 'evidence', readIds: [readIdOf('old-chosen')!] });
    expect(chosen).toMatchObject({ kind: 'reads', reads: 1, reviewOn: '2027-11-29', placedBy: COMMANDER.username });
    expect(objectsOf(lastEntry(w.ws))).toMatchObject({ touched: [{ hold: chosen.id, case: '26-1187', reads: 1 }] });

    const query = w.ws.call(token, 'hold.place', {
      caseNumber: '26-1187',
      reason: 'investigation',
      query: { plate: 'AB*12', from: before(70 * DAY), to: before(20 * DAY), cameras: ['Oak Ave SB'] },
    });
    expect(query).toMatchObject({
      kind: 'query',
      reads: 1,
      keeps: expect.stringMatching(/^reads matching AB\*12 captured .* at Oak Ave SB$/),
    });

    const member = signIn(w.ws, MEMBER);
    expectRefusal(() => w.ws.call(member, 'hold.place', { caseNumber: '26-1187', reason: 'evidence', readIds: [readIdOf('old-plain')!] }), {
      kind: 'denied',
      code: 'not-permitted',
    });
    expectRefusal(() => w.ws.call(token, 'hold.place', { caseNumber: '26-9999', reason: 'evidence', readIds: [1] }), {
      kind: 'not-found',
      code: 'no-case',
    });
    expectRefusal(() => w.ws.call(token, 'hold.place', { caseNumber: '26-1187', reason: 'other', readIds: [1] }), {
      kind: 'invalid',
      code: 'invalid-input',
    });
  });

  it("keeps a hold's history as written", () => {
    const db = openStore(w.ws);
    expect(() => db.prepare("UPDATE hold_events SET detail = 'nothing'").run()).toThrow(/never edited/);
    expect(() => db.prepare('DELETE FROM hold_events').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM holds').run()).toThrow(/never deleted/);
  });
});

describe('the purge', () => {
  it('previews exactly what it will destroy and what the holds keep, destroying nothing', () => {
    const plan = w.ws.call(token, 'purge.preview', { asOf: AS_OF });
    expect(plan).toMatchObject({ asOfIsDrill: true, retentionDays: 30, cutOff: before(PERIOD), reads: 4, images: 2 });
    expect(plan.byVendor).toEqual([{ key: 'Flock Safety', reads: 4 }]);
    expect(plan.kept.map((k) => [k.caseNumber, k.reads])).toEqual([
      ['26-1187', 1],
      ['26-1187', 1],
    ]);
    expect(stored('goes-1s', 'old-plain')).toHaveLength(2);
  });

  it('a cancelled run leaves every read whole, and the next run finishes its plan', async () => {
    const whileFinding = new AbortController();
    whileFinding.abort();
    await expect(purge(AS_OF, whileFinding.signal)).rejects.toMatchObject({ code: 'cancelled' });
    const running = "SELECT id, planned_reads, plan_cursor FROM purge_runs WHERE status = 'running'";
    const begun = openStore(w.ws).prepare(running).get() as { id: number; planned_reads: number; plan_cursor: string | null };
    expect(begun).toMatchObject({ planned_reads: 0, plan_cursor: expect.any(String) });

    // taken up, planned whole, and cancelled again before its first batch
    const beforeDestroying = new AbortController();
    await expect(
      purge(AS_OF, beforeDestroying.signal, token, (progress) => {
        if (progress.phase?.endsWith('destroying reads past the retention period')) beforeDestroying.abort();
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    const left = openStore(w.ws).prepare(running).get() as { id: number; planned_reads: number; plan_cursor: string | null };
    expect(left).toEqual({ id: begun.id, planned_reads: 4, plan_cursor: null });
    expect(stored('goes-1s', 'old-plain')).toEqual(['goes-1s', 'old-plain']);

    // an alert on a read the plan destroys: it goes with the read
    w.ws.call(
      token,
      'hotlist.add',
      { list: 'Local BOLO', plate: 'HOTX999', reason: 'Stolen vehicle', caseNumber: '26-1187', expires: '2026-12-31' },
      ACCESS,
    );
    expect(openStore(w.ws).prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(1);

    const run = await purge();
    expect(run).toMatchObject({
      id: left.id,
      status: 'finished',
      plannedReads: 4,
      destroyed: { reads: 4, images: 2, searchIndexRows: 4, alerts: 1 },
    });
    expect(objectsOf(lastEntry(w.ws))).toMatchObject({
      touched: [{ purgeRun: run.id, resumed: true }, { purgeRun: run.id, plannedReads: 4 }, { certificateSha256: run.certificateSha256 }],
    });
  });

  it('destroys to the second: 30 days less a second stays, 30 days and a second goes; held reads stay', () => {
    expect(stored('stays-1s', 'goes-1s', 'old-chosen', 'old-query', 'old-query-other-camera', 'old-plain', 'old-alerted')).toEqual([
      'stays-1s',
      'old-chosen',
      'old-query',
    ]);
    const db = openStore(w.ws);
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM purge_files').pluck().get()).toBe(0);
    // one image file is left: the held read's; the destroyed ones are unlinked
    const files = fs.readdirSync(path.join(w.dir, 'images'), { recursive: true }).filter((f) => String(f).endsWith('.img'));
    expect(files).toHaveLength(1);
    expect(w.ws.call(token, 'audit.verify', {}).ok).toBe(true);
  });

  it('writes a certificate: a valid PDF with the counts and the hash of the destroyed ids, made again byte for byte', async () => {
    const [run] = w.ws.call(token, 'purge.list', {});
    const got = (await w.ws.startJob(token, 'purge.certificate', { runId: run!.id }, undefined, {
      signal: new AbortController().signal,
      onProgress: () => {},
    })) as {
      sha256: string;
      pdfBase64: string;
    };
    const bytes = Buffer.from(got.pdfBase64, 'base64');
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(run!.certificateSha256);
    expect(got.sha256).toBe(run!.certificateSha256);
    const file = path.join(tempFolder('certificate'), 'certificate.pdf');
    fs.writeFileSync(file, bytes);
    expect(pdfInfo(file).Pages).toBeDefined();
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Parsons Police Department');
    expect(text).toContain(run!.destroyedIdsSha256!);
    expect(text).toContain('26-1187');
    expect(text).toMatch(/DRILL/);
    // the log's head when it was made: a witness of the log for whoever holds the certificate
    const atEntry = Number(/Access-log head hash at entry (\d+)/.exec(text)![1]);
    const head = openStore(w.ws).prepare('SELECT lower(hex(hash)) FROM audit_log WHERE seq = ?').pluck().get(atEntry) as string;
    expect(text).toContain(head);
    renderPages(file, 'retention-certificate');
  });

  it('keeps reads imported after a query hold was placed when they match it', async () => {
    await importRows('later', [
      { id: 'later-match', at: before(55 * DAY), plate: 'AB1112', camera: 'Oak Ave SB' },
      { id: 'later-plain', at: before(55 * DAY), plate: 'GONE003' },
    ]);
    const run = await purge();
    expect(run.destroyed).toMatchObject({ reads: 1 });
    expect(stored('later-match', 'later-plain')).toEqual(['later-match']);
  });

  it('keeps a read held while the purge runs: the holds are asked again before the next batch', async () => {
    await importRows('during', [
      { id: 'held-mid-run', at: before(50 * DAY), plate: 'MID0001', image: true },
      { id: 'gone-mid-run', at: before(50 * DAY), plate: 'GONE004' },
    ]);
    let placed: number | undefined;
    const run = await purge(AS_OF, undefined, token, (progress) => {
      // the plan is whole and lists both reads; a window's call lands between the job's steps
      if (placed === undefined && progress.phase === 'destroying reads past the retention period') {
        expect(progress.total).toBe(2);
        placed = w.ws.call(token, 'hold.place', { caseNumber: '26-1187', reason: 'evidence', readIds: [readIdOf('held-mid-run')!] }).id;
      }
    });
    expect(placed).toBeDefined();
    expect(run).toMatchObject({ plannedReads: 1, destroyed: { reads: 1, images: 0 } });
    expect(stored('held-mid-run', 'gone-mid-run')).toEqual(['held-mid-run']);
    const certificate = JSON.parse(
      openStore(w.ws).prepare('SELECT certificate FROM purge_runs WHERE id = ?').pluck().get(run.id) as string,
    ) as { kept: { holdId: number; reads: number }[] };
    expect(certificate.kept).toContainEqual(expect.objectContaining({ holdId: placed, reads: 1 }));
    w.ws.call(token, 'hold.release', { holdId: placed!, reason: 'Placed to test a hold placed mid-run; not needed.' });
    expect((await purge()).destroyed).toMatchObject({ reads: 1, images: 1 });
  });

  it('a released hold frees its reads: from capture by default, at the next purge', async () => {
    const [chosen] = w.ws.call(token, 'hold.list', { active: true });
    expectRefusal(() => w.ws.call(token, 'hold.release', { holdId: chosen!.id, reason: 'done' }), {
      kind: 'invalid',
      code: 'invalid-input',
    });
    const released = w.ws.call(token, 'hold.release', { holdId: chosen!.id, reason: 'The evidence was booked on disc 26-1187-A.' });
    expect(released.releasedBy).toBe(COMMANDER.username);
    expectRefusal(() => w.ws.call(token, 'hold.release', { holdId: chosen!.id, reason: 'Released a second time, by mistake.' }), {
      kind: 'invalid',
      code: 'hold-released',
    });
    const run = await purge();
    expect(run.destroyed).toMatchObject({ reads: 1 });
    expect(stored('old-chosen')).toEqual([]);
  });

  it('refuses a drill that counts from a later time than now: it would destroy reads before their period is over', async () => {
    const later = new Date(w.clock.now().getTime() + 1000).toISOString();
    await expect(purge(later)).rejects.toMatchObject({ kind: 'invalid', code: 'as-of-in-future' });
    expectRefusal(() => w.ws.call(token, 'purge.preview', { asOf: later }), { kind: 'invalid', code: 'as-of-in-future' });
    expectRefusal(() => w.ws.call(token, 'settings.update', { purgeAsOf: later }), { kind: 'invalid', code: 'as-of-in-future' });
  });

  it('empties the WAL after a purge once another connection has stopped reading an older snapshot', async () => {
    await importRows('wal', [{ id: 'wal-old', at: before(PERIOD + 3 * DAY), plate: 'WALX001' }]);
    const files = workspaceFiles(w.dir);
    const slot = findAccountSlot(loadKeyring(files.keyring), COMMANDER.username)!;
    const opened = openSlot(w.workspaceId, slot, COMMANDER.password);
    if (!opened.ok) throw new Error("the commander's password does not open the slot");
    // another program (a command exporting, another window searching) in the middle of a read
    const reader = openEncrypted(files.database, opened.masterKey);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM plate_reads').pluck().get();
    try {
      expect((await purge()).destroyed).toMatchObject({ reads: 1 });
      expect(fs.statSync(`${files.database}-wal`).size).toBeGreaterThan(0);
    } finally {
      reader.exec('COMMIT');
    }
    // the reader is still open but done: the purge's next try resets the log, with no one closing anything
    await expect.poll(() => fs.statSync(`${files.database}-wal`).size, { timeout: 5000, interval: 100 }).toBe(0);
    reader.close();
  });

  it("with the clock counted from release, a released hold's reads stay a period after the release", async () => {
    w.ws.call(token, 'settings.update', { releasedHoldClock: 'release' });
    const [queryHold] = w.ws.call(token, 'hold.list', { active: true });
    w.ws.call(token, 'hold.release', { holdId: queryHold!.id, reason: 'The suspect vehicle was found and released to its owner.' });
    // a period after the release less a second: only the read no hold ever kept goes
    w.clock.advance(PERIOD - 1000);
    token = signIn(w.ws, COMMANDER); // the session locked while the days passed
    expect((await purge('now')).destroyed).toMatchObject({ reads: 1 });
    expect(stored('stays-1s', 'old-query', 'later-match')).toEqual(['old-query', 'later-match']);
    w.clock.advance(2000);
    expect((await purge('now')).destroyed).toMatchObject({ reads: 2 });
    expect(stored('old-query', 'later-match')).toEqual([]);
  });

  it('shows on the home screen the reads past the period, what the store holds and when the purge runs; the review queue for the commander', () => {
    const tiles = w.ws.call(token, 'home.tiles', {}).tiles;
    const retention = tiles.find((t) => t.id === 'reads-past-retention')!;
    const db = openStore(w.ws);
    const held = db.prepare('SELECT count(*) FROM committed_reads').pluck().get() as number;
    const past = db
      .prepare('SELECT count(*) FROM committed_reads WHERE captured_at < ?')
      .pluck()
      .get(w.clock.now().getTime() - PERIOD);
    expect(retention.count).toBe(past);
    const [last] = w.ws.call(token, 'purge.list', {});
    expect(retention.detail).toMatch(new RegExp(`^${held} reads? stored`));
    expect(retention.detail).toContain(`The last purge ran ${last!.startedAt.slice(0, 16).replace('T', ' ')} UTC`);
    expect(tiles.find((t) => t.id === 'holds-awaiting-review')).toBeDefined();
    const member = signIn(w.ws, MEMBER);
    expect(w.ws.call(member, 'home.tiles', {}).tiles.map((t) => t.id)).not.toContain('reads-past-retention');
  });

  it('closing a case with a hold still active puts it on the review queue, and holds past review are listed', () => {
    w.ws.call(token, 'case.create', { number: '26-2001', title: 'Burglary series', type: 'Property', lead: 'Det. K. Lam' });
    const hold = w.ws.call(token, 'hold.place', {
      caseNumber: '26-2001',
      reason: 'public-records',
      importId: 1,
      reviewOn: new Date(w.clock.now().getTime() + DAY).toISOString().slice(0, 10),
    });
    expect(hold.kind).toBe('import');
    w.ws.call(token, 'case.close', { number: '26-2001' });
    w.clock.advance(3 * DAY);
    token = signIn(w.ws, COMMANDER); // the session locked while the days passed
    const queue = w.ws.call(token, 'hold.review', {});
    expect(queue.holdsDue.map((h) => h.id)).toEqual([hold.id]);
    expect(queue.closedWithHolds.map((c) => c.number)).toEqual(['26-2001']);
    const extended = w.ws.call(token, 'hold.extend', { holdId: hold.id, reviewOn: '2027-06-01' });
    expect(extended.reviewOn).toBe('2027-06-01');
    expect(w.ws.call(token, 'hold.review', {}).holdsDue).toEqual([]);
    // one click: without a date, the schedule for its reason (public records: 90 days) from today
    const bySchedule = w.ws.call(token, 'hold.extend', { holdId: hold.id });
    expect(bySchedule.reviewOn).toBe(new Date(w.clock.now().getTime() + 90 * DAY).toISOString().slice(0, 10));
  });

  it("lists a case's access history: every access-log entry that named its number", () => {
    const access = { caseNumber: '26-1187', purpose: 'Looking for the hit-and-run vehicle seen on Oak Ave' };
    w.ws.call(token, 'search.plates', { plate: 'AB*12' }, access);
    const history = w.ws.call(token, 'case.history', { number: '26-1187' });
    expect(history.total).toBeGreaterThan(0);
    expect(history.entries.every((e) => e.caseNumber === '26-1187')).toBe(true);
    expect(history.entries[0]).toMatchObject({ operation: 'search.plates', purpose: access.purpose, username: COMMANDER.username });
    const admin = signIn(w.ws, ADMINISTRATOR);
    expectRefusal(() => w.ws.call(admin, 'case.history', { number: '26-1187' }), { kind: 'denied', code: 'not-permitted' });
  });
});
