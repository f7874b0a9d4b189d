/**
 * Alerts raised by imports and their verification (427.4(f)), on a real encrypted
 * workspace: a list exists, reads are imported, alerts appear only once the import commits
 * (a cancelled one leaves none); dates, states and retired entries raise nothing;
 * verifications are recorded with who and when, supersede one another, set the alert's
 * status, are never edited, and are in the access log with the alert.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src-main/contract/hotlists';
import type { ImportSummary } from '../../src-main/contract/imports';
import type { JobProgress } from '../../src-main/contract/transport';
import { CustodianError } from '../../src-main/core/errors';
import { flockRead, flockReadsMapping, writeFlockReadsCsv } from '../fixtures/plate-reads';
import { importList, otherState, readsMatching, vigilantList, writeList } from '../fixtures/hotlists';
import { ACCESS, importOk, importRecords, importWorkspace, storedReads } from '../support/import-support';
import {
  allEntries,
  COMMANDER,
  expectRefusal,
  objectsOf,
  openStore,
  removeTempFolders,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const CSV = { vendor: 'csv' as const, mapping: flockReadsMapping(), timezone: 'UTC' };
const SEED = 61;
const ROWS = 300;

let w: TestWorkspace;
let token: string;
let dir: string;

const alerts = (status?: Alert['status']) => w.ws.call(token, 'alert.list', { limit: 1000, ...(status ? { status } : {}) }, ACCESS);
const count = (sql: string, ...params: unknown[]) =>
  openStore(w.ws)
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** import.run as a job, watching its progress as it goes. */
async function importReads(file: string, onProgress: (p: JobProgress) => void): Promise<ImportSummary> {
  return (await w.ws.startJob(token, 'import.run', { source: { path: file }, ...CSV }, undefined, {
    signal: new AbortController().signal,
    onProgress,
  })) as ImportSummary;
}

beforeAll(async () => {
  ({ w, token } = importWorkspace('alerts'));
  dir = tempFolder('alerts-files');
  w.ws.call(token, 'user.setConfidential', { username: COMMANDER.username, authorized: true });
});
afterAll(() => w?.ws.close());

describe('matching on every import', () => {
  const reads = Array.from({ length: ROWS }, (_, i) => flockRead(SEED, i));
  const inForce = { expires: '2026-12-31' };

  it('new reads against the entries in force: alerts exist only once the import commits', async () => {
    // A list made before the reads arrive: five plates in force, and entries that must raise nothing.
    const list = vigilantList([
      ...[0, 1, 2, 3, 4].map((i) => ({ plate: reads[i]!.plate, state: reads[i]!.state, ...inForce })),
      { plate: reads[5]!.plate, state: otherState(reads[5]!.state), ...inForce },
      { plate: reads[6]!.plate, state: reads[6]!.state, expires: '2026-11-28' },
      { plate: reads[7]!.plate, state: reads[7]!.state, ...inForce },
    ]);
    const loaded = await importList(
      w.ws,
      token,
      {
        source: { path: writeList(dir, 'local.csv', list) },
        list: 'Local stolen',
        listSource: 'local',
      },
      ACCESS,
    );
    expect(loaded).toMatchObject({ format: 'vigilant', entries: 8, alerts: 0 });
    // one entry in the future, one taken off the list: neither may match
    const entries = w.ws.call(token, 'hotlist.entries', { listId: loaded.listId }, ACCESS).entries;
    w.ws.call(token, 'hotlist.retireEntry', { entryId: entries[7]!.id, reason: 'Vehicle recovered' }, ACCESS);
    w.ws.call(
      token,
      'hotlist.add',
      { plate: reads[8]!.plate, reason: 'Stolen next month', caseNumber: '26-7001', effective: '2026-12-10', expires: '2026-12-31' },
      ACCESS,
    );
    const partial = `${reads[9]!.plate.slice(0, 3)}*`;
    w.ws.call(
      token,
      'hotlist.add',
      { plate: partial, reason: 'Partial plate from a robbery', caseNumber: '26-7002', expires: '2026-12-31' },
      ACCESS,
    );

    const file = await writeFlockReadsCsv(path.join(dir, 'reads-1.csv'), { rows: ROWS, seed: SEED });
    const seenWhileRunning: { hidden: number; stored: number }[] = [];
    const phases: string[] = [];
    const summary = await importReads(file.file, (p) => {
      phases.push(p.phase ?? '');
      if (/hot-list alerts? raised/.test(p.phase ?? '')) {
        seenWhileRunning.push({
          hidden: w.ws.call(token, 'alert.list', {}, ACCESS).total,
          stored: count("SELECT count(*) FROM alerts a JOIN imports i ON i.id = a.import_id WHERE i.status = 'running'"),
        });
      }
    });
    const stored = storedReads(w.ws, token, summary.importId);
    const expected = [
      ...[0, 1, 2, 3, 4].flatMap((i) => readsMatching(stored, reads[i]!.plate, reads[i]!.state)),
      ...readsMatching(stored, partial),
    ];
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(phases).toContain('matching the new reads against the hot lists');
    expect(phases).toContain(`${expected.length} hot-list alerts raised`);
    // while the import ran, its alerts were written but nobody could see them
    expect(seenWhileRunning).toEqual([{ hidden: 0, stored: expected.length }]);

    // the import's summary says how many to verify
    expect(summary.alerts).toBe(expected.length);
    expect(w.ws.call(token, 'import.get', { importId: summary.importId }).alerts).toBe(expected.length);
    const after = alerts();
    expect(after.total).toBe(expected.length);
    expect(after.alerts.every((a) => a.raisedBy === 'import' && a.read.importId === summary.importId)).toBe(true);
    expect(after.alerts.map((a) => a.read.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('importing the same reads again raises nothing twice', async () => {
    const before = alerts().total;
    const file = await writeFlockReadsCsv(path.join(dir, 'reads-1-again.csv'), { rows: ROWS, seed: SEED });
    const summary = await importOk(w.ws, token, file.file, CSV);
    expect(summary).toMatchObject({ imported: 0, duplicates: ROWS });
    expect(alerts().total).toBe(before);
    expect(count('SELECT count(*) FROM alerts')).toBe(before);
  });

  it('a cancelled import leaves no alerts', async () => {
    const seed = SEED + 1;
    const target = flockRead(seed, 3);
    w.ws.call(
      token,
      'hotlist.add',
      { plate: target.plate, reason: 'Stolen vehicle', caseNumber: '26-7003', expires: '2026-12-31' },
      ACCESS,
    );
    const before = alerts().total;
    const file = await writeFlockReadsCsv(path.join(dir, 'reads-2.csv'), { rows: ROWS, seed });
    const abort = new AbortController();
    const error = await w.ws
      .startJob(token, 'import.run', { source: { path: file.file }, ...CSV }, undefined, {
        signal: abort.signal,
        // cancel once the new reads have been matched: their alerts are written by then
        onProgress: (p) => {
          if (p.phase === 'matching the new reads against the hot lists') abort.abort();
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CustodianError);
    expect((error as CustodianError).code).toBe('cancelled');
    const cancelled = importRecords(w.ws, token).find((r) => r.file === 'reads-2.csv')!;
    expect(cancelled.status).toBe('cancelled');
    expect(alerts().total).toBe(before);
    // Whether the worker stopped before or after writing them, the next import's worker clears what is left.
    await importOk(w.ws, token, (await writeFlockReadsCsv(path.join(dir, 'reads-3.csv'), { rows: 10, seed: seed + 1 })).file, CSV);
    expect(count('SELECT count(*) FROM alerts WHERE import_id = ?', cancelled.importId)).toBe(0);
  });
});

describe('verification (427.4(f))', () => {
  let alert: Alert;

  it('an alert is unverified until someone records the check; who and when are recorded', () => {
    alert = alerts('unverified').alerts[0]!;
    expect(alert.status).toBe('unverified');
    w.clock.advanceMinutes(5);
    const checkedAt = new Date(w.clock.now().getTime() - 60_000).toISOString();
    const out = w.ws.call(
      token,
      'alert.verify',
      { alertId: alert.id, source: 'NCIC', result: 'confirmed', checkedAt, note: 'NCIC confirms the plate stolen, entry 26-11' },
      ACCESS,
    );
    expect(out.verification).toEqual({
      id: expect.any(Number),
      alertId: alert.id,
      source: 'NCIC',
      result: 'confirmed',
      checkedAt,
      note: 'NCIC confirms the plate stolen, entry 26-11',
      verifiedBy: `${COMMANDER.fullName} (${COMMANDER.username})`,
      recordedAt: w.clock.now().toISOString(),
      supersedes: null,
    });
    expect(out.alert).toMatchObject({ id: alert.id, status: 'confirmed', verification: out.verification });
  });

  it('a second verification supersedes the first; the status follows the newest; both stay', () => {
    w.clock.advanceMinutes(10); // within the idle lock (15 minutes)
    const first = w.ws.call(token, 'alert.get', { alertId: alert.id }, ACCESS).verifications[0]!;
    const second = w.ws.call(
      token,
      'alert.verify',
      { alertId: alert.id, source: 'NCIC', result: 'cleared', note: 'Owner recovered the vehicle; NCIC entry cleared' },
      ACCESS,
    ).verification;
    expect(second).toMatchObject({ supersedes: first.id, result: 'cleared', checkedAt: w.clock.now().toISOString() });
    const got = w.ws.call(token, 'alert.get', { alertId: alert.id }, ACCESS);
    expect(got.alert.status).toBe('cleared');
    expect(got.verifications.map((v) => [v.id, v.supersedes])).toEqual([
      [second.id, first.id],
      [first.id, null],
    ]);
    expect(alerts('cleared').alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(alerts('confirmed').total).toBe(0);
    expect(alerts('unverified').alerts.map((a) => a.id)).not.toContain(alert.id);
  });

  it('nothing can edit a verification: the store refuses', () => {
    const db = openStore(w.ws);
    expect(() => db.prepare("UPDATE alert_verifications SET result = 'confirmed' WHERE alert_id = ?").run(alert.id)).toThrow(
      /a verification is never edited: record a new one, which supersedes it/,
    );
  });

  it('each verification is in the access log with the alert and the verification', () => {
    const entries = allEntries(w.ws).filter((e) => e.operation === 'alert.verify' && e.outcome === 'ok');
    expect(entries).toHaveLength(2);
    const verifications = w.ws.call(token, 'alert.get', { alertId: alert.id }, ACCESS).verifications;
    expect(entries.map((e) => objectsOf(e).touched)).toEqual(
      [...verifications].reverse().map((v) => [{ alert: alert.id, verification: v.id, result: v.result }]),
    );
    expect(entries[0]).toMatchObject({ username: COMMANDER.username, caseNumber: ACCESS.caseNumber, purpose: ACCESS.purpose });
  });

  it('refuses a check time in the future, or before the read it verifies, and an alert that does not exist', () => {
    const base = { alertId: alert.id, source: 'NCIC', result: 'confirmed' as const, note: 'Checked again' };
    expectRefusal(
      () => w.ws.call(token, 'alert.verify', { ...base, checkedAt: new Date(w.clock.now().getTime() + 3_600_000).toISOString() }, ACCESS),
      { kind: 'invalid', code: 'future-check' },
    );
    expectRefusal(() => w.ws.call(token, 'alert.verify', { ...base, checkedAt: '2026-01-01T00:00:00Z' }, ACCESS), {
      kind: 'invalid',
      code: 'check-before-read',
    });
    expectRefusal(() => w.ws.call(token, 'alert.verify', { ...base, alertId: 999_999 }, ACCESS), {
      kind: 'not-found',
      code: 'no-such-alert',
    });
    expect(w.ws.call(token, 'alert.get', { alertId: alert.id }, ACCESS).verifications).toHaveLength(2);
  });
});
