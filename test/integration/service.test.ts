import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AuditEntry, VerifyResult } from '../../src-main/contract/schemas';
import type { AppEvent, AppStatus, JobEvent } from '../../src-main/contract/transport';
import { AppService } from '../../src-main/service/app-service';
import { DOWNLOAD_TICKET_MS } from '../../src-main/service/connection';
import { directWire, openSocket, request, signInBrowser, socketWire, startTestBridge, type TestBridge, type Wire } from '../support/bridge';
import { ADMINISTRATOR, COMMANDER, removeTempFolders, seedAuditEntries, tempFolder, TestClock } from '../support/workspace-fixtures';

// The services the desktop window and browser mode share (src-main/service): status,
// first-run set-up, sign-in, calls through the gate, long jobs with their events, and
// downloads by ticket. Most of it runs through a real browser-mode socket, end to end.

afterAll(removeTempFolders);

const SET_UP = { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password };

/** Entries of the access log for one operation, oldest first, read through the gate. */
async function logged(wire: Wire, operation: string): Promise<AuditEntry[]> {
  const { entries } = (await request(wire, 'app.call', { operation: 'audit.query', input: { operation, limit: 1000 } })) as {
    entries: AuditEntry[];
  };
  return entries;
}

const jobEvents = (wire: Wire, jobId: string) => wire.events.filter((e): e is JobEvent => e.type === 'job' && e.jobId === jobId);
const ended = (jobId: string) => (e: AppEvent) =>
  e.jobId === jobId && (e.state === 'finished' || e.state === 'failed' || e.state === 'cancelled');

describe('the services through a browser-mode socket', () => {
  let b: TestBridge;
  let cookie: string;
  let wire: Wire;

  beforeAll(async () => {
    // A closed socket's session waits this long for the browser's next socket (a reload) before it is signed out.
    b = await startTestBridge('service', { reattachGraceMs: 100 });
    cookie = await signInBrowser(b);
    wire = socketWire(await openSocket(b, { cookie }));
  });
  afterAll(async () => {
    await wire.close();
    await b.close();
  });

  it('says, before set-up, that there is no workspace and nobody is signed in', async () => {
    const status = await request(wire, 'app.status', {});
    expect(status).toEqual<AppStatus>({
      version: '0.0.0-test',
      mode: 'browser',
      workspace: { dir: b.dir, exists: false, workspaceId: null },
      session: { state: 'signed-out' },
    });
    await expect(request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password })).rejects.toMatchObject({
      kind: 'failed',
      code: 'no-workspace',
    });
  });

  it('sets up the workspace and its commander once, returning the recovery code, and refuses a second set-up', async () => {
    const created = await request(wire, 'app.setUp', SET_UP);
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const status = await request(wire, 'app.status', {});
    expect(status.workspace).toEqual({ dir: b.dir, exists: true, workspaceId: created.workspaceId });
    expect(status.session).toEqual({ state: 'signed-out' });

    await expect(request(wire, 'app.setUp', { ...SET_UP, commander: 'someone' })).rejects.toMatchObject({
      kind: 'failed',
      code: 'already-a-workspace',
    });
  });

  it('signs in and calls the gate', async () => {
    const { me } = await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    expect(me).toMatchObject({ username: COMMANDER.username, roles: ['commander'] });
    expect((await request(wire, 'app.status', {})).session).toMatchObject({ state: 'active', me: { username: COMMANDER.username } });

    await request(wire, 'app.call', {
      operation: 'user.add',
      input: {
        username: ADMINISTRATOR.username,
        fullName: ADMINISTRATOR.fullName,
        roles: ADMINISTRATOR.roles,
        password: ADMINISTRATOR.password,
      },
    });
    const people = (await request(wire, 'app.call', { operation: 'user.list', input: {} })) as Account[];
    expect(people.map((p) => p.username).sort()).toEqual([ADMINISTRATOR.username, COMMANDER.username].sort());

    // The session token stays on the service side: nothing sent to the page carries it.
    const token = [...JSON.stringify((wire as ReturnType<typeof socketWire>).frames).matchAll(/[A-Za-z0-9_-]{43}/g)];
    expect(token).toEqual([]);
  });

  it('reports a changed idle limit in the status at once, so the lock screen comes on time', async () => {
    await request(wire, 'app.call', { operation: 'settings.update', input: { idleMinutes: 7 } });
    expect((await request(wire, 'app.status', {})).session).toMatchObject({ state: 'active', me: { idleMinutes: 7 } });
    await request(wire, 'app.call', { operation: 'settings.update', input: { idleMinutes: 15 } });
  });

  it('answers malformed messages with an error reply, and goes on answering', async () => {
    const badRequest = { ok: false, error: { kind: 'invalid', code: 'bad-request' } };
    expect(await wire.send('{ this is not json')).toMatchObject({ id: -1, ok: false, error: { kind: 'invalid', code: 'bad-json' } });
    expect(await wire.send({ id: 901, method: 'app.explode', params: {} })).toMatchObject({ id: 901, ...badRequest });
    expect(await wire.send({ id: 902, method: 'app.signIn', params: { username: 'x' } })).toMatchObject({ id: 902, ...badRequest });
    expect(await wire.send({ id: 903, method: 'app.status', params: { extra: true } })).toMatchObject({ id: 903, ...badRequest });
    expect(await wire.send([1, 2, 3])).toMatchObject({ id: -1, ...badRequest });
    expect(await wire.send({ id: 904, method: 'app.call', params: { operation: 'no.such', input: {} } })).toMatchObject({
      id: 904,
      ok: false,
      error: { kind: 'invalid', code: 'unknown-operation' },
    });
    expect(await wire.send({ id: 905, method: 'job.start', params: { operation: 'user.list', input: {} } })).toMatchObject({
      id: 905,
      ok: false,
      error: { code: 'not-a-job' },
    });
    // the other way round: a job answered in one reply would have no progress and no cancel
    expect(await wire.send({ id: 906, method: 'app.call', params: { operation: 'audit.verify', input: {} } })).toMatchObject({
      id: 906,
      ok: false,
      error: { kind: 'invalid', code: 'runs-as-job' },
    });
    expect((await request(wire, 'app.status', {})).session.state).toBe('active');
  });

  it('runs audit.verify as a job: started, progress, then finished with the result', async () => {
    seedAuditEntries(b.service.workspace!, 45_000);
    const { jobId } = await request(wire, 'job.start', { operation: 'audit.verify', input: {} });
    const end = await wire.nextEvent(ended(jobId));
    expect(end).toMatchObject({ state: 'finished', result: { ok: true } });
    expect((end as { result: VerifyResult }).result.entries).toBeGreaterThan(45_000);
    const states = jobEvents(wire, jobId).map((e) => e.state);
    expect(states[0]).toBe('started');
    expect(states.at(-1)).toBe('finished');
    expect(states.filter((s) => s === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(states.length).toBe(states.filter((s) => s === 'progress').length + 2);
    expect((await logged(wire, 'audit.verify')).at(-1)).toMatchObject({ outcome: 'ok', username: COMMANDER.username });
  });

  it('cancels a job: a cancelled event, and the cancellation is logged', async () => {
    // Enough entries that the job is still running when the cancel arrives (this test shares one event loop with the server).
    seedAuditEntries(b.service.workspace!, 80_000);
    const { jobId } = await request(wire, 'job.start', { operation: 'audit.verify', input: {} });
    await wire.nextEvent((e) => e.jobId === jobId && e.state === 'progress');
    expect(await request(wire, 'job.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await wire.nextEvent(ended(jobId))).toMatchObject({ state: 'cancelled', operation: 'audit.verify' });
    expect((await logged(wire, 'audit.verify')).at(-1)).toMatchObject({
      outcome: 'error',
      username: COMMANDER.username,
      reason: expect.stringMatching(/cancelled by Laura Thompson/),
    });
    expect(await request(wire, 'job.cancel', { jobId })).toEqual({ cancelled: false });
  });

  it("leaves a case and purpose sent over the socket to the gate: a line break in one is refused in the gate's words, and logged", async () => {
    await request(wire, 'app.call', {
      operation: 'training.record',
      input: { username: COMMANDER.username, course: 'ALPR Operator Training', completedOn: '2026-03-02' },
    });
    const access = { caseNumber: '26-0042', purpose: 'Locate the stolen vehicle\nfrom report 26-0042' };
    await expect(request(wire, 'app.call', { operation: 'alpr.holdings', input: {}, access })).rejects.toMatchObject({
      kind: 'denied',
      code: 'purpose-one-line',
      message: expect.stringMatching(/^The purpose is one line/),
    });
    expect((await logged(wire, 'alpr.holdings')).at(-1)).toMatchObject({
      outcome: 'denied',
      purpose: 'Locate the stolen vehicle from report 26-0042',
    });
  });

  it('signs the person out, through the gate and logged, when their socket closes and no page takes the session up', async () => {
    const other = socketWire(await openSocket(b, { cookie }));
    await request(other, 'app.signIn', { username: ADMINISTRATOR.username, password: ADMINISTRATOR.password });
    const before = (await logged(wire, 'session.signOut')).length;
    await other.close();
    // The server notices the close on its own turn: wait until the sign-out is in the log.
    let signOuts = await logged(wire, 'session.signOut');
    for (let i = 0; i < 100 && signOuts.length === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      signOuts = await logged(wire, 'session.signOut');
    }
    expect(signOuts).toHaveLength(before + 1);
    expect(signOuts.at(-1)).toMatchObject({ username: ADMINISTRATOR.username, outcome: 'ok' });
  });
});

describe('a service connection, directly', () => {
  let service: AppService;
  let dir: string;
  const clock = new TestClock('2026-03-02T09:15:00Z');

  beforeAll(() => {
    dir = tempFolder('service-direct');
    service = new AppService({ dir, mode: 'desktop', version: '0.0.0-test', clock });
    service.setUp(SET_UP);
  });
  afterAll(() => service.close());

  it('runs a prepared download once, into the sink, and returns the gate summary', async () => {
    const wire = directWire(service);
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const { ticket } = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } });
    expect(wire.connection.preparedDownload(ticket)).toEqual({ operation: 'audit.export', input: { format: 'csv' } });
    let written = '';
    const summary = (await wire.connection.runDownload(ticket, (chunk) => (written += chunk))) as {
      entries: number;
      bytes: number;
      sha256: string;
    };
    expect(written.split('\n')[0]).toMatch(/^seq,at,username/);
    expect(summary.sha256).toBe(crypto.createHash('sha256').update(written).digest('hex'));
    expect(summary.bytes).toBe(Buffer.byteLength(written));
    await expect(wire.connection.runDownload(ticket, () => {})).rejects.toThrow(/already been used or never existed/);
    expect(wire.connection.preparedDownload(ticket)).toBeUndefined();
    await expect(request(wire, 'download.prepare', { operation: 'user.list' as never, input: {} })).rejects.toMatchObject({
      code: 'not-a-download',
    });
    await wire.close();
  });

  it('forgets a prepared download that was not used within ten minutes (a save dialog cancelled)', async () => {
    const wire = directWire(service);
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const { ticket: used } = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } });
    const { ticket: left } = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } });
    clock.advance(DOWNLOAD_TICKET_MS - 1000);
    await wire.connection.runDownload(used, () => {});
    clock.advance(2000);
    expect(wire.connection.preparedDownload(left)).toBeUndefined();
    await expect(wire.connection.runDownload(left, () => {})).rejects.toThrow(/already been used or never existed/);
    await wire.close();
  });

  it('refuses to prepare a download or start a job before sign-in', async () => {
    const wire = directWire(service);
    await expect(request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'json' } })).rejects.toMatchObject({
      kind: 'denied',
      code: 'not-signed-in',
    });
    await expect(request(wire, 'job.start', { operation: 'audit.verify', input: {} })).rejects.toMatchObject({ code: 'not-signed-in' });
    await wire.close();
  });

  it('answers nothing more once closed', async () => {
    const wire = directWire(service);
    await wire.close();
    expect(await wire.send({ id: 7, method: 'app.status', params: {} })).toMatchObject({
      id: 7,
      ok: false,
      error: { code: 'connection-closed' },
    });
  });

  it('ends a running job as cancelled, logged, when its connection closes, and then signs the person out', async () => {
    const wire = directWire(service);
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    seedAuditEntries(service.workspace!, 45_000);
    const { jobId } = await request(wire, 'job.start', { operation: 'audit.verify', input: {} });
    await wire.nextEvent((e) => e.jobId === jobId && e.state === 'progress');
    await wire.close();
    const end = await wire.nextEvent(ended(jobId));
    expect(end).toMatchObject({ state: 'cancelled' });

    const reader = directWire(service);
    await request(reader, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const verifies = await logged(reader, 'audit.verify');
    expect(verifies.at(-1)).toMatchObject({ outcome: 'error', reason: expect.stringMatching(/cancelled by/) });
    const signOuts = await logged(reader, 'session.signOut');
    expect(signOuts.at(-1)!.seq).toBeGreaterThan(verifies.at(-1)!.seq);
    await reader.close();
  });

  it('on quit, lets a running job log its cancellation and signs everyone out before the store closes', async () => {
    const quitting = new AppService({ dir, mode: 'desktop', version: '0.0.0-test', clock: new TestClock('2026-03-03T09:15:00Z') });
    const wire = directWire(quitting);
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const { jobId } = await request(wire, 'job.start', { operation: 'audit.verify', input: {} });
    await wire.nextEvent((e) => e.jobId === jobId && e.state === 'progress');
    await quitting.close();
    expect(await wire.nextEvent(ended(jobId))).toMatchObject({ state: 'cancelled' });
    expect(quitting.workspace!.database()).toBeUndefined();

    const reader = directWire(service);
    await request(reader, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const entries = (await logged(reader, 'audit.verify')).concat(await logged(reader, 'session.signOut'));
    const tail = entries.filter((e) => e.at.startsWith('2026-03-03')).sort((x, y) => x.seq - y.seq);
    expect(tail.map((e) => `${e.operation} ${e.outcome}`)).toEqual(['audit.verify error', 'session.signOut ok']);
    await reader.close();
  });
});
