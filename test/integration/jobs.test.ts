import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src-main/contract/transport';
import type { VerifyResult } from '../../src-main/contract/schemas';
import {
  COMMANDER,
  createWorkspace,
  expectRefusal,
  lastEntry,
  MEMBER,
  addPerson,
  removeTempFolders,
  seedAuditEntries,
  signIn,
  type TestWorkspace,
} from '../support/workspace-fixtures';

// Long operations run as jobs through the same gate: step by step, reporting progress,
// cancellable, and logged once with how they ended.

afterAll(removeTempFolders);

describe('a long job through the gate (audit.verify)', () => {
  let w: TestWorkspace;
  let token: string;

  beforeAll(() => {
    w = createWorkspace('jobs');
    token = signIn(w.ws, COMMANDER);
    seedAuditEntries(w.ws, 50_000);
  });
  afterAll(() => w.ws.close());

  const run = (signal: AbortSignal, progress: JobProgress[], onProgress?: () => void) =>
    w.ws.startJob(token, 'audit.verify', {}, undefined, {
      signal,
      onProgress: (p) => {
        progress.push(p);
        onProgress?.();
      },
    });

  it('reports rising progress over the whole log, then the result, and logs one entry', async () => {
    const progress: JobProgress[] = [];
    const result = (await run(new AbortController().signal, progress)) as VerifyResult;
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(50_000);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.every((p) => p.unit === 'entries' && p.total !== null && p.total >= result.entries - 1)).toBe(true);
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ operation: 'audit.verify', outcome: 'ok', username: COMMANDER.username });
  });

  it('lets other calls through between steps', async () => {
    const answered: number[] = [];
    const job = run(new AbortController().signal, [], () => answered.push(w.ws.call(token, 'user.list', {}).length));
    await job;
    expect(answered.length).toBeGreaterThan(0);
  });

  it('stops when cancelled, says so, and logs the cancellation', async () => {
    const controller = new AbortController();
    const progress: JobProgress[] = [];
    const job = run(controller.signal, progress, () => controller.abort());
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect(progress).toHaveLength(1);
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'audit.verify', outcome: 'error', reason: expect.stringMatching(/cancelled by/) });
  });

  it('is refused, and logged, for someone without the permission', async () => {
    addPerson(w.ws, token, MEMBER);
    const memberToken = signIn(w.ws, MEMBER);
    let caught: unknown;
    await w.ws
      .startJob(memberToken, 'audit.verify', {}, undefined, { signal: new AbortController().signal, onProgress: () => {} })
      .catch((error: unknown) => (caught = error));
    expectRefusal(
      () => {
        throw caught;
      },
      { kind: 'denied', code: 'not-permitted' },
    );
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'audit.verify', outcome: 'denied', username: MEMBER.username });
  });

  it('refuses to run an ordinary operation as a job', async () => {
    await expect(
      w.ws.startJob(token, 'user.list', {}, undefined, { signal: new AbortController().signal, onProgress: () => {} }),
    ).rejects.toMatchObject({ code: 'not-a-job' });
  });
});
