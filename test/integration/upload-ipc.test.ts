import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UPLOAD_CHUNK_BYTES, type ResponseMessage } from '../../src-main/contract/transport';
import { workspaceFiles } from '../../src-main/core/store/paths';
import { IPC_CHANNELS, registerIpc, WindowConnections } from '../../src-main/electron/ipc';
import { AppService } from '../../src-main/service/app-service';
import { COMMANDER, removeTempFolders, tempFolder } from '../support/workspace-fixtures';

// The desktop app's uploads under plain Node: `custodian:upload` in ipc.ts with stand-ins for
// ipcMain and a WebContents, the real services and sealed staging behind it. The renderer
// sends a file as slices of bytes, in order; the main process never opens a path a page names.

type Handler = (event: unknown, ...args: unknown[]) => Promise<ResponseMessage>;

const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  app: { getPath: () => '' },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  ipcMain: { handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler) },
}));

interface FakeFrame {
  url: string;
  frameToken: string;
  parent: FakeFrame | null;
  detached: boolean;
}

class FakeContents extends EventEmitter {
  readonly mainFrame: FakeFrame;
  constructor(url = 'app://custodian/') {
    super();
    this.mainFrame = { url, frameToken: crypto.randomUUID(), parent: null, detached: false };
  }
  isDestroyed(): boolean {
    return false;
  }
  send(): void {}
  destroy(): void {
    this.emit('destroyed');
  }
}

let nextId = 1;
async function call(contents: FakeContents, method: string, params: unknown): Promise<unknown> {
  const reply = await electron.handlers.get(IPC_CHANNELS.request)!(
    { sender: contents, senderFrame: contents.mainFrame },
    { id: nextId++, method, params },
  );
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result;
}

function slice(contents: FakeContents, message: unknown, frame: FakeFrame | null = contents.mainFrame): Promise<ResponseMessage> {
  return electron.handlers.get(IPC_CHANNELS.upload)!({ sender: contents, senderFrame: frame }, message);
}

/** Send `body` as the renderer does: slices of UPLOAD_CHUNK_BYTES, each awaited, the last marked. */
async function sendAll(contents: FakeContents, ticket: string, body: Buffer): Promise<ResponseMessage> {
  let reply: ResponseMessage | undefined;
  for (let offset = 0; ; offset += UPLOAD_CHUNK_BYTES) {
    const end = Math.min(body.length, offset + UPLOAD_CHUNK_BYTES);
    reply = await slice(contents, { ticket, offset, bytes: new Uint8Array(body.subarray(offset, end)), last: end >= body.length });
    if (!reply.ok || end >= body.length) return reply;
  }
}

const prepare = async (contents: FakeContents, name: string, size: number) =>
  ((await call(contents, 'upload.prepare', { name, size })) as { ticket: string }).ticket;

describe('the desktop upload path: slices over custodian:upload → Connection → sealed staging', () => {
  let service: AppService;
  let connections: WindowConnections;
  let window: FakeContents;
  let staging: string;
  const staged = () => (fs.existsSync(staging) ? fs.readdirSync(staging).sort() : []);
  const body = crypto.randomBytes(UPLOAD_CHUNK_BYTES * 2 + 12_345);

  beforeAll(async () => {
    const dir = path.join(tempFolder('upload-ipc'), 'workspace');
    service = new AppService({ dir, mode: 'desktop', version: '0.0.0-test' });
    connections = new WindowConnections(service);
    registerIpc(connections, 'app://custodian');
    window = new FakeContents();
    connections.attach(window as never);
    await call(window, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
    await call(window, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    staging = workspaceFiles(dir).incoming;
  });

  afterAll(async () => {
    await service.close();
    removeTempFolders();
  });

  it('receives a file slice by slice and answers the staged upload with its SHA-256', async () => {
    const ticket = await prepare(window, 'reads.csv', body.length);
    const reply = await sendAll(window, ticket, body);
    expect(reply).toEqual({
      id: -2,
      ok: true,
      result: {
        uploadId: expect.stringMatching(/^[a-f0-9]{32}$/),
        name: 'reads.csv',
        size: body.length,
        sha256: crypto.createHash('sha256').update(body).digest('hex'),
      },
    });
    const id = (reply as { result: { uploadId: string } }).result.uploadId;
    expect(staged()).toContain(`${id}.sealed`);
    // The ticket is spent.
    expect(await sendAll(window, ticket, body)).toMatchObject({ ok: false, error: { code: 'no-such-upload' } });
  });

  it('refuses a sender that is not the window, before anything is received', async () => {
    const ticket = await prepare(window, 'x.csv', 3);
    const before = staged();
    const sub = { url: 'app://custodian/', frameToken: 'other', parent: window.mainFrame, detached: false };
    expect(await slice(window, { ticket, offset: 0, bytes: new Uint8Array(3), last: true }, sub)).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    const stranger = new FakeContents();
    expect(await slice(stranger, { ticket, offset: 0, bytes: new Uint8Array(3), last: true })).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(staged()).toEqual(before);
  });

  it('drops an upload whose slices arrive out of order, short, too long, malformed or aborted: nothing stays staged', async () => {
    const before = staged();
    const cases: ((ticket: string) => Promise<ResponseMessage>)[] = [
      // a gap: the second slice does not start where the first ended
      async (ticket) => {
        await slice(window, { ticket, offset: 0, bytes: new Uint8Array(body.subarray(0, 100)), last: false });
        return slice(window, { ticket, offset: 200, bytes: new Uint8Array(body.subarray(200, body.length)), last: true });
      },
      // the last slice comes too early
      (ticket) => slice(window, { ticket, offset: 0, bytes: new Uint8Array(body.subarray(0, 100)), last: true }),
      // more bytes than announced
      (ticket) => slice(window, { ticket, offset: 0, bytes: new Uint8Array(UPLOAD_CHUNK_BYTES * 3 + 20_000), last: false }),
      // not bytes
      async (ticket) => {
        await slice(window, { ticket, offset: 0, bytes: new Uint8Array(body.subarray(0, 100)), last: false });
        return slice(window, { ticket, offset: 100, bytes: 'AAAA', last: true });
      },
      // the renderer gives up (the file could not be read)
      async (ticket) => {
        await slice(window, { ticket, offset: 0, bytes: new Uint8Array(body.subarray(0, 100)), last: false });
        return slice(window, { ticket, abort: true });
      },
    ];
    for (const attempt of cases) {
      const ticket = await prepare(window, 'bad.csv', body.length);
      await attempt(ticket);
      expect(staged()).toEqual(before);
    }
    // A slice that starts a new upload somewhere other than byte 0 is refused too.
    const ticket = await prepare(window, 'late.csv', body.length);
    expect(await slice(window, { ticket, offset: 5, bytes: new Uint8Array(5), last: false })).toMatchObject({
      ok: false,
      error: { code: 'upload-order' },
    });
    expect(staged()).toEqual(before);
  });

  it('drops a half-sent upload and everything the session sent when the window goes away', async () => {
    const other = new FakeContents();
    connections.attach(other as never);
    await call(other, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const before = staged();
    const done = await sendAll(other, await prepare(other, 'done.csv', body.length), body);
    expect(done.ok).toBe(true);
    const half = await prepare(other, 'half.csv', body.length);
    await slice(other, { ticket: half, offset: 0, bytes: new Uint8Array(body.subarray(0, 1000)), last: false });
    expect(staged().length).toBe(before.length + 2);
    other.destroy();
    await expect.poll(() => staged()).toEqual(before);
  });

  it('refuses an import that names a path, from the window', async () => {
    await expect(
      call(window, 'app.call', { operation: 'import.preview', input: { source: { path: '/etc/passwd' } } }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      code: 'path-not-allowed',
    });
  });
});
