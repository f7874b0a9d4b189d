import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../src-main/contract/schemas';
import type { ResponseMessage } from '../../src-main/contract/transport';
import { IPC_CHANNELS, registerIpc, WindowConnections } from '../../src-main/electron/ipc';
import { AppService } from '../../src-main/service/app-service';
import { COMMANDER, removeTempFolders, tempFolder } from '../support/workspace-fixtures';

// The desktop app's IPC path under plain Node: ipc.ts with a stand-in for the few Electron
// objects it touches (ipcMain, the save dialog, a WebContents and its frames), and the real
// services, gate and encrypted store behind it. What Electron itself does is covered by
// test/e2e/electron-smoke.test.ts where an Electron binary is installed.

type Handler = (event: unknown, ...args: unknown[]) => Promise<ResponseMessage>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  documents: '',
  dialogAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  dialogOptions: [] as { defaultPath?: string }[],
}));

vi.mock('electron', () => ({
  app: { getPath: () => electron.documents },
  BrowserWindow: { fromWebContents: () => null },
  dialog: {
    showSaveDialog: async (options: { defaultPath?: string }) => {
      electron.dialogOptions.push(options);
      return electron.dialogAnswer;
    },
  },
  ipcMain: { handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler) },
}));

interface FakeFrame {
  url: string;
  frameToken: string;
  parent: FakeFrame | null;
  detached: boolean;
}

/** The parts of a WebContents that ipc.ts uses. */
class FakeContents extends EventEmitter {
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; payload: unknown }[] = [];
  private destroyed = false;

  constructor(url = 'app://custodian/') {
    super();
    this.mainFrame = { url, frameToken: crypto.randomUUID(), parent: null, detached: false };
  }

  subframe(url: string): FakeFrame {
    return { url, frameToken: crypto.randomUUID(), parent: this.mainFrame, detached: false };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  /** A new page loads in the window (reload or navigation). */
  navigate(): void {
    this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: this.mainFrame.url });
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

let nextId = 1;
function invokeRequest(contents: FakeContents, method: string, params: unknown, frame: FakeFrame | null = contents.mainFrame) {
  const handler = electron.handlers.get(IPC_CHANNELS.request)!;
  return handler({ sender: contents, senderFrame: frame }, { id: nextId++, method, params });
}

function invokeSave(contents: FakeContents, ticket: unknown, suggestedName: unknown, frame: FakeFrame | null = contents.mainFrame) {
  const handler = electron.handlers.get(IPC_CHANNELS.save)!;
  return handler({ sender: contents, senderFrame: frame }, ticket, suggestedName);
}

async function call(contents: FakeContents, method: string, params: unknown): Promise<unknown> {
  const reply = await invokeRequest(contents, method, params);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result;
}

const signIn = (contents: FakeContents) => call(contents, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });

async function logged(contents: FakeContents, operation: string): Promise<AuditEntry[]> {
  const { entries } = (await call(contents, 'app.call', { operation: 'audit.query', input: { operation, limit: 1000 } })) as {
    entries: AuditEntry[];
  };
  return entries;
}

describe('the desktop IPC path: window → ipcMain check → Connection → gate', () => {
  let service: AppService;
  let connections: WindowConnections;
  let window: FakeContents;

  beforeAll(async () => {
    electron.documents = tempFolder('documents');
    service = new AppService({ dir: path.join(tempFolder('electron-ipc'), 'workspace'), mode: 'desktop', version: '0.0.0-test' });
    connections = new WindowConnections(service);
    registerIpc(connections, 'app://custodian');
    window = new FakeContents();
    connections.attach(window as never);
    await call(window, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
  });

  afterAll(() => {
    service.close();
    removeTempFolders();
  });

  it('registers exactly the three invoke channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(['custodian:request', 'custodian:save', 'custodian:upload']);
  });

  it('answers our own window', async () => {
    expect(await call(window, 'app.status', {})).toMatchObject({
      mode: 'desktop',
      workspace: { exists: true },
      session: { state: 'signed-out' },
    });
    expect(await signIn(window)).toMatchObject({ me: { username: COMMANDER.username } });
  });

  it.each([
    ['a subframe on our own origin', (w: FakeContents) => w.subframe('app://custodian/frame.html')],
    ['a subframe elsewhere', (w: FakeContents) => w.subframe('https://evil.example/')],
    ['a frame Electron no longer knows', () => null],
    ['a detached frame', (w: FakeContents) => ({ ...w.mainFrame, detached: true })],
  ])('refuses %s, without reaching the service', async (_label, frameOf) => {
    const reply = await invokeRequest(window, 'app.status', {}, frameOf(window));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'denied', code: 'untrusted-sender' } });
    const save = await invokeSave(window, 'ticket', 'x.csv', frameOf(window));
    expect(save).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('refuses a window it did not register, and a page on another origin', async () => {
    const stranger = new FakeContents();
    expect(await invokeRequest(stranger, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    const elsewhere = new FakeContents('https://evil.example/');
    connections.attach(elsewhere as never);
    expect(await invokeRequest(elsewhere, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    elsewhere.destroy();
  });

  it('saves a prepared download into the file the person chose, private to them, and returns the gate summary', async () => {
    const { ticket } = (await call(window, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } })) as {
      ticket: string;
    };
    const target = path.join(tempFolder('save'), 'access-log.csv');
    electron.dialogAnswer = { canceled: false, filePath: target };
    const reply = await invokeSave(window, ticket, '../access-log.csv');

    expect(electron.dialogOptions.at(-1)?.defaultPath).toBe(path.join(electron.documents, 'access-log.csv'));
    const content = fs.readFileSync(target);
    expect(reply).toEqual({
      id: -1,
      ok: true,
      result: {
        savedTo: target,
        summary: { entries: expect.any(Number), bytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') },
      },
    });
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    // the ticket worked once
    expect(await invokeSave(window, ticket, 'again.csv')).toMatchObject({
      ok: false,
      error: { kind: 'not-found', code: 'no-such-download' },
    });
  });

  it('answers a cancelled save dialog with ok and no result, writing nothing', async () => {
    const { ticket } = (await call(window, 'download.prepare', { operation: 'audit.export', input: { format: 'json' } })) as {
      ticket: string;
    };
    electron.dialogAnswer = { canceled: true, filePath: '' };
    expect(await invokeSave(window, ticket, 'log.json')).toEqual({ id: -1, ok: true, result: null });
  });

  it('refuses a save with no usable ticket before showing any dialog', async () => {
    const shown = electron.dialogOptions.length;
    expect(await invokeSave(window, 42, 'x.csv')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await invokeSave(window, 'no-such-ticket', 'x.csv')).toMatchObject({
      ok: false,
      error: { kind: 'not-found', code: 'no-such-download' },
    });
    expect(electron.dialogOptions).toHaveLength(shown);
  });

  it('a save that fails leaves no file behind and says why', async () => {
    const { ticket } = (await call(window, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } })) as {
      ticket: string;
    };
    const folder = tempFolder('save');
    electron.dialogAnswer = { canceled: false, filePath: path.join(folder, 'no-such-folder', 'log.csv') };
    expect(await invokeSave(window, ticket, 'log.csv')).toMatchObject({ ok: false, error: { kind: 'failed', code: 'save-failed' } });
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a new page in the window starts signed out; the old session is ended through the gate', async () => {
    expect(await call(window, 'app.status', {})).toMatchObject({ session: { state: 'active' } });
    const signOutsBefore = await logged(window, 'session.signOut');
    window.navigate();
    expect(await call(window, 'app.status', {})).toMatchObject({ session: { state: 'signed-out' } });
    await signIn(window);
    expect((await logged(window, 'session.signOut')).length).toBe(signOutsBefore.length + 1);
  });

  it('closing the window signs its person out (logged) and forgets the window', async () => {
    const second = new FakeContents();
    connections.attach(second as never);
    await signIn(second);
    const signOutsBefore = await logged(window, 'session.signOut');
    second.destroy();
    expect((await logged(window, 'session.signOut')).length).toBe(signOutsBefore.length + 1);
    expect(await invokeRequest(second, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('forwards job events to the window that started the job', async () => {
    const { jobId } = (await call(window, 'job.start', { operation: 'audit.verify', input: {} })) as { jobId: string };
    await vi.waitFor(() => {
      const states = window.sent
        .filter((m) => (m.payload as { jobId?: string }).jobId === jobId)
        .map((m) => (m.payload as { state: string }).state);
      expect(states.at(-1)).toBe('finished');
    });
    expect(new Set(window.sent.map((m) => m.channel))).toEqual(new Set(['custodian:event']));
  });
});
