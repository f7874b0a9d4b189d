/**
 * The daily purge Policy 427.5 requires, while the app runs: the first sign-in after start-up
 * opens the store and the purge starts on its own, logged as Custodian's work with no person
 * named, its certificate saying "Scheduled"; then it runs again once a day has passed, never
 * twice at once, and closing the app cancels a run that the next one finishes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import { ProgramSchedule, SCHEDULE_INTERVAL_MS } from '../../src-main/core/gate/schedule';
import type { Workspace } from '../../src-main/core/workspace';
import { AppService } from '../../src-main/service/app-service';
import { importWorkspace } from '../support/import-support';
import { pdfText } from '../support/pdf-tools';
import { importReadRows } from '../support/read-rows';
import { allEntries, COMMANDER, openStore, removeTempFolders, signIn, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const DAY = 86_400_000;
const HOUR = 3_600_000;

let w: TestWorkspace;

/** Poll until `check` gives a value (the schedule's work runs on the event loop). */
async function until<T>(check: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const runs = (ws: Workspace, token: string): PurgeRun[] => ws.call(token, 'purge.list', {});
const finishedRuns = (ws: Workspace, token: string) => runs(ws, token).filter((r) => r.status === 'finished');
const storedReads = (ws: Workspace) =>
  openStore(ws).prepare('SELECT vendor_read_id FROM plate_reads ORDER BY vendor_read_id').pluck().all();

beforeAll(async () => {
  let token: string;
  ({ w, token } = importWorkspace('purge-schedule'));
  const at = (daysAgo: number) => new Date(w.clock.now().getTime() - daysAgo * DAY).toISOString();
  await importReadRows(w.ws, token, path.join(tempFolder('purge-schedule-reads'), 'reads'), 'reads', [
    { id: 'old', at: at(45), plate: 'OLDR001', image: true },
    { id: 'young', at: at(10), plate: 'NEWR001' },
    { id: 'ages-tomorrow', at: at(29.5), plate: 'NEXT001' },
  ]);
  w.ws.call(token, 'session.signOut', {});
  w.ws.close();
});

describe('the daily purge', () => {
  it('starts on its own once the first sign-in after start-up opens the store, as Custodian, and says so on its certificate', async () => {
    const service = new AppService({ dir: w.dir, mode: 'desktop', version: 'test', clock: w.clock, workstation: 'RECORDS-DESK-1' });
    try {
      const ws = service.requireWorkspace();
      const token = signIn(ws, COMMANDER);
      const [run] = await until(() => {
        const done = finishedRuns(ws, token);
        return done.length ? done : undefined;
      }, 'the scheduled purge');
      expect(run).toMatchObject({ ranBy: null, asOfIsDrill: false, destroyed: { reads: 1, images: 1 } });
      expect(storedReads(ws)).toEqual(['ages-tomorrow', 'young']);
      const entry = allEntries(ws).find((e) => e.operation === 'purge.run')!;
      expect(entry).toMatchObject({ username: null, fullName: null, outcome: 'ok', workstation: 'RECORDS-DESK-1' });
      const { pdfBase64 } = (await ws.startJob(token, 'purge.certificate', { runId: run!.id }, undefined, {
        signal: new AbortController().signal,
        onProgress: () => {},
      })) as { pdfBase64: string };
      const file = path.join(tempFolder('purge-schedule-certificate'), 'certificate.pdf');
      fs.writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
      expect(pdfText(file).replace(/\s+/g, ' ')).toContain('Scheduled: started by Custodian itself');
      // signing in again while the store is open starts nothing more
      signIn(ws, COMMANDER);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs(ws, token)).toHaveLength(1);
    } finally {
      await service.close();
    }
  });

  it('runs again once a day has passed since it last started, not before, and one at a time', async () => {
    const service = new AppService({ dir: w.dir, mode: 'desktop', version: 'test', clock: w.clock, scheduledPurge: false });
    const ws = service.requireWorkspace();
    const token = signIn(ws, COMMANDER);
    const schedule = new ProgramSchedule(ws, 10);
    try {
      // the schedule's first look, then nothing for 23 hours
      await until(() => (finishedRuns(ws, token).length === 2 ? true : undefined), 'the first run of this schedule');
      w.clock.advance(23 * HOUR);
      const token2 = signIn(ws, COMMANDER);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(finishedRuns(ws, token2)).toHaveLength(2);
      expect(storedReads(ws)).toEqual(['ages-tomorrow', 'young']);
      // a day after it started: the read that has aged past the period goes
      w.clock.advance(SCHEDULE_INTERVAL_MS - 23 * HOUR);
      const token3 = signIn(ws, COMMANDER);
      const third = await until(() => finishedRuns(ws, token3)[0]?.id === 3 || undefined, 'the next day’s run');
      expect(third).toBe(true);
      expect(finishedRuns(ws, token3)[0]).toMatchObject({ ranBy: null, destroyed: { reads: 1 } });
      expect(storedReads(ws)).toEqual(['young']);
      // a purge asked for while one is running is refused, not run twice over the same plan
      const control = () => ({ signal: new AbortController().signal, onProgress: () => {} });
      const first = ws.startJob(token3, 'purge.run', {}, undefined, control());
      const second = ws.startJob(token3, 'purge.run', {}, undefined, control());
      await expect(second).rejects.toMatchObject({ kind: 'invalid', code: 'purge-running' });
      await expect(first).resolves.toMatchObject({ status: 'finished' });
      expect(ws.call(token3, 'audit.verify', {}).ok).toBe(true);
    } finally {
      await schedule.stop();
      await service.close();
    }
  });
});
