import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src-main/contract/transport';
import { workspaceFiles } from '../../src-main/core/store/paths';
import {
  directWire,
  httpRequest,
  openSocket,
  request,
  signInBrowser,
  socketWire,
  startTestBridge,
  type TestBridge,
} from '../support/bridge';
import { COMMANDER, removeTempFolders } from '../support/workspace-fixtures';

// Browser mode's uploads: PUT /upload/<ticket> streams a file into the workspace's sealed
// staging. Tried with real HTTP requests: the cookie, Host and Origin guards, one-time and
// per-connection tickets, the announced size, a body cut short, and the rule that a window or
// browser never names a file by its path.

afterAll(removeTempFolders);

interface PutOptions {
  cookie?: string;
  origin?: string | null;
  host?: string;
  /** the Content-Length header; null sends the body chunked, without one */
  length?: number | null;
  /** send only this many bytes of the body, then hang up */
  cutAfter?: number;
  method?: string;
}

interface PutAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: Record<string, unknown> | null;
  text: string;
}

/** One PUT with exactly the headers given; resolves null when the connection was cut (cutAfter). */
function put(b: TestBridge, ticket: string, body: Buffer, options: PutOptions = {}): Promise<PutAnswer | null> {
  const headers: Record<string, string> = { Host: options.host ?? b.host, 'Content-Type': 'application/octet-stream' };
  const origin = options.origin === undefined ? b.origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  const length = options.length === undefined ? body.length : options.length;
  if (length !== null) headers['Content-Length'] = String(length);
  else headers['Transfer-Encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: b.port,
        path: `/upload/${ticket}`,
        method: options.method ?? 'PUT',
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | null = null;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // a plain-text refusal
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
        });
      },
    );
    if (options.cutAfter !== undefined) {
      req.on('error', () => resolve(null));
      req.write(body.subarray(0, options.cutAfter), () => setTimeout(() => req.destroy(), 50));
      return;
    }
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(null) : reject(error),
    );
    req.end(body);
  });
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A small Flock-style CSV, a few hundred kilobytes so the body arrives in several chunks. */
function sampleCsv(rows = 5_000): Buffer {
  const lines = ['Plate,State,Timestamp,Camera'];
  for (let i = 0; i < rows; i++)
    lines.push(`ABC${String(i).padStart(4, '0')},CA,2026-03-01T10:${String(i % 60).padStart(2, '0')}:00Z,North gate ${i % 7}`);
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

describe('PUT /upload/<ticket>', () => {
  let b: TestBridge;
  let cookie: string;
  let ws: WebSocket;
  let wire: ReturnType<typeof socketWire>;
  let staging: string;
  const staged = () => (fs.existsSync(staging) ? fs.readdirSync(staging) : []);
  const prepare = (name: string, size: number) => request(wire, 'upload.prepare', { name, size });

  beforeAll(async () => {
    b = await startTestBridge('upload-bridge');
    cookie = await signInBrowser(b);
    ws = await openSocket(b, { cookie });
    wire = socketWire(ws);
    await request(wire, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    staging = workspaceFiles(b.dir).incoming;
  });
  afterAll(() => b.close());

  it('streams the file into sealed staging once, and answers its id, name, size and SHA-256', async () => {
    const body = sampleCsv();
    const { ticket } = await prepare('C:\\exports\\flock reads.csv', body.length);
    const answer = await put(b, ticket, body, { cookie });
    expect(answer?.status).toBe(200);
    expect(answer?.json).toEqual({
      uploadId: expect.stringMatching(/^[a-f0-9]{32}$/),
      name: 'flock reads.csv',
      size: body.length,
      sha256: sha256(body),
    });
    expect(answer?.headers['content-type']).toBe('application/json; charset=utf-8');
    // Sealed: the staged file is the same size, and none of the plain text is in it.
    const file = path.join(staging, `${String(answer!.json!.uploadId)}.sealed`);
    const sealed = fs.readFileSync(file);
    expect(sealed.length).toBe(body.length);
    expect(sealed.includes(Buffer.from('North gate'))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The ticket works once.
    const again = await put(b, ticket, body, { cookie });
    expect(again?.status).toBe(404);
    expect(again?.json).toEqual({
      kind: 'not-found',
      code: 'no-such-upload',
      message: 'That upload has already been sent or never existed. Add the file again.',
    });
    expect((await put(b, 'never-issued', body, { cookie }))?.status).toBe(404);
  });

  it('refuses a missing or wrong cookie, another Host, a missing or foreign Origin, and other methods, without spending the ticket', async () => {
    const body = Buffer.from('Plate,Timestamp\nABC123,2026-03-01T10:00:00Z\n');
    const { ticket } = await prepare('small.csv', body.length);
    const before = staged().length;
    expect((await put(b, ticket, body))?.status).toBe(401);
    expect(
      (await put(b, ticket, body, { cookie: `${cookie.split('=')[0]}=${crypto.randomBytes(32).toString('base64url')}` }))?.status,
    ).toBe(401);
    expect((await put(b, ticket, body, { cookie, host: `evil.example:${b.port}` }))?.status).toBe(403);
    expect((await put(b, ticket, body, { cookie, origin: null }))?.status).toBe(403);
    expect((await put(b, ticket, body, { cookie, origin: 'http://evil.example' }))?.status).toBe(403);
    expect((await put(b, ticket, body, { cookie, origin: `http://localhost:${b.port}` }))?.status).toBe(403);
    const post = await put(b, ticket, body, { cookie, method: 'POST' });
    expect(post?.status).toBe(405);
    expect(post?.headers.allow).toBe('PUT');
    expect((await httpRequest(b.port, `/upload/${ticket}`, { cookie })).status).toBe(405);
    expect(staged().length).toBe(before);
    // None of that used the ticket up.
    expect((await put(b, ticket, body, { cookie }))?.status).toBe(200);
  });

  it('refuses a file over the limit, a length other than announced, and a body without a length', async () => {
    await expect(prepare('huge.csv', MAX_UPLOAD_BYTES + 1)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'upload-size',
      message: 'huge.csv is too large to send for import: the limit is 8 GiB a file.',
    });
    await expect(prepare('', 10)).rejects.toMatchObject({ code: 'upload-name' });
    const before = staged().length;

    const body = Buffer.alloc(1000, 0x41);
    const { ticket } = await prepare('a.csv', 1000);
    const tooLong = await put(b, ticket, Buffer.alloc(1001, 0x41), { cookie });
    expect(tooLong?.status).toBe(400);
    expect(tooLong?.json).toMatchObject({
      kind: 'invalid',
      code: 'upload-size',
      message: 'a.csv was announced as 1000 bytes, but 1001 bytes were sent. Add the file again.',
    });

    const over = await put(b, ticket, body, { cookie, length: MAX_UPLOAD_BYTES + 1, cutAfter: 10 });
    expect(over === null || over.status === 413).toBe(true);

    const chunked = await put(b, ticket, body, { cookie, length: null });
    expect(chunked?.status).toBe(411);
    expect(chunked?.json).toMatchObject({ code: 'upload-length' });
    expect(staged().length).toBe(before);
    // Refused before a byte was read: the ticket still works.
    expect((await put(b, ticket, body, { cookie }))?.status).toBe(200);
  });

  it('keeps nothing of a body cut short, and the ticket is spent', async () => {
    const body = sampleCsv(20_000);
    const { ticket } = await prepare('cut.csv', body.length);
    const before = staged();
    expect(await put(b, ticket, body, { cookie, cutAfter: Math.floor(body.length / 2) })).toBeNull();
    await expect.poll(() => staged(), { timeout: 5_000 }).toEqual(before);
    expect((await put(b, ticket, body, { cookie }))?.status).toBe(404);
  });

  it('needs a signed-in socket; a ticket dies with its socket; a session that ends takes its uploads with it', async () => {
    const other = socketWire(await openSocket(b, { cookie }));
    await expect(request(other, 'upload.prepare', { name: 'x.csv', size: 1 })).rejects.toMatchObject({ code: 'not-signed-in' });
    await request(other, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const body = sampleCsv(100);
    const kept = await put(b, (await request(other, 'upload.prepare', { name: 'kept.csv', size: body.length })).ticket, body, { cookie });
    expect(kept?.status).toBe(200);
    const keptFile = `${String(kept!.json!.uploadId)}.sealed`;
    expect(staged()).toContain(keptFile);
    const { ticket } = await request(other, 'upload.prepare', { name: 'late.csv', size: body.length });

    // The socket closes: its ticket no longer works, and what its session sent is discarded.
    await other.close();
    await expect.poll(() => staged().includes(keptFile)).toBe(false);
    expect((await put(b, ticket, body, { cookie }))?.status).toBe(404);

    // Signing out does the same on a socket that stays open.
    const sent = await put(b, (await prepare('mine.csv', body.length)).ticket, body, { cookie });
    const sentFile = `${String(sent!.json!.uploadId)}.sealed`;
    expect(staged()).toContain(sentFile);
    await request(wire, 'app.call', { operation: 'session.signOut', input: {} });
    expect(staged()).not.toContain(sentFile);
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
  });

  it('refuses an import input that names a file by its path, from a socket or a window', async () => {
    const refusal = {
      kind: 'invalid',
      code: 'path-not-allowed',
      message:
        'A window or browser sends the file itself: add it on the Imports page. Naming a file by its path is for the command line only.',
      issues: [{ path: 'source', message: expect.stringContaining('command line only') as string }],
    };
    const source = { path: path.join(b.dir, 'keyring.json') };
    await expect(request(wire, 'app.call', { operation: 'import.preview', input: { source } })).rejects.toMatchObject(refusal);
    await expect(request(wire, 'job.start', { operation: 'import.run', input: { source } })).rejects.toMatchObject(refusal);
    const direct = directWire(b.service);
    await request(direct, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    await expect(request(direct, 'app.call', { operation: 'import.preview', input: { source, vendor: 'auto' } })).rejects.toMatchObject(
      refusal,
    );
    await expect(request(direct, 'job.start', { operation: 'import.run', input: { source } })).rejects.toMatchObject(refusal);
    await direct.close();
  });
});
