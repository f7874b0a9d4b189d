import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/contract/csp';
import { startBridge } from '../../src-main/bridge/server';
import type { AuditEntry } from '../../src-main/contract/schemas';
import { Workspace } from '../../src-main/core/workspace';
import { AppService } from '../../src-main/service/app-service';
import { REPO } from '../support/cli';
import {
  cookieFrom,
  directWire,
  httpRequest,
  openSocket,
  RefusedUpgrade,
  rendererFixture,
  request,
  signInBrowser,
  socketWire,
  startTestBridge,
  type TestBridge,
  type Wire,
} from '../support/bridge';
import { COMMANDER, removeTempFolders, tempFolder } from '../support/workspace-fixtures';

// Browser mode's defences, tried with real requests: the one-time link, the session
// cookie, the Host and Origin checks against DNS rebinding and cross-site sockets,
// the static files' headers and path checks, loopback-only binding, downloads.

afterAll(removeTempFolders);

const refusedStatus = (error: unknown) => (error instanceof RefusedUpgrade ? error.status : error);

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cache-control']).toBe('no-store');
}

describe('the one-time link', () => {
  let b: TestBridge;
  beforeAll(async () => {
    b = await startTestBridge('bridge-link');
  });
  afterAll(() => b.close());

  it('is printed as http://127.0.0.1:PORT/?token=… with 32 random bytes, and the server listens on 127.0.0.1 only', () => {
    expect(b.bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${b.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(b.token, 'base64url')).toHaveLength(32);
    expect(b.bridge.server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: b.port });
  });

  it('refuses a wrong token, a link opened under another host name, and sets no cookie', async () => {
    for (const wrong of ['', 'x', b.token.slice(0, -1), b.token.slice(0, -1) + (b.token.endsWith('A') ? 'B' : 'A'), b.token + 'A']) {
      const answer = await httpRequest(b.port, `/?token=${encodeURIComponent(wrong)}`);
      expect(answer.status, wrong).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.text).toMatch(/link that "custodian serve" printed/);
    }
    // A rebinding page at evil.example:PORT cannot spend it either.
    const rebound = await httpRequest(b.port, `/?token=${b.token}`, { host: `evil.example:${b.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.headers['set-cookie']).toBeUndefined();
  });

  it('works exactly once: a session cookie (HttpOnly, SameSite=Strict, Path=/) and a 303 to / that drops the token', async () => {
    const first = await httpRequest(b.port, `/?token=${b.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = first.headers['set-cookie'];
    expect(setCookie).toHaveLength(1);
    expect(setCookie![0]).toMatch(new RegExp(`^custodian-session-${b.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(setCookie![0]).not.toMatch(/Secure|Expires|Max-Age|Domain/i);
    expect(setCookie![0]).not.toContain(b.token);
    expectSecurityHeaders(first.headers);

    const again = await httpRequest(b.port, `/?token=${b.token}`);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();

    // The browser that has the cookie keeps working, and reopening the link there just goes home.
    const cookie = cookieFrom(first);
    const page = await httpRequest(b.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const reopened = await httpRequest(b.port, `/?token=${b.token}`, { cookie });
    expect(reopened).toMatchObject({ status: 303, headers: { location: '/' } });
    expect(reopened.headers['set-cookie']).toBeUndefined();
  });
});

describe('every other request needs the cookie, the right Host and no foreign Origin', () => {
  let b: TestBridge;
  let cookie: string;
  beforeAll(async () => {
    b = await startTestBridge('bridge-guard');
    cookie = await signInBrowser(b);
  });
  afterAll(() => b.close());

  it('refuses requests without a valid cookie, with a short page pointing to the printed link', async () => {
    const forged = `custodian-session-${b.port}=${crypto.randomBytes(32).toString('base64url')}`;
    for (const cookieHeader of [undefined, forged, `custodian-session-1=${cookie.split('=')[1]}`, cookie.split('=')[1]!]) {
      for (const requestPath of ['/', '/index.html', '/assets/app.js', '/download/abc', '/rpc', '/nothing-here']) {
        const answer = await httpRequest(b.port, requestPath, { cookie: cookieHeader });
        expect(answer.status, `${requestPath} with ${cookieHeader}`).toBe(401);
        expect(answer.text).toMatch(/custodian serve/);
        expect(answer.text).not.toContain('root');
        expectSecurityHeaders(answer.headers);
      }
      const socket = await openSocket(b, { cookie: cookieHeader }).catch(refusedStatus);
      expect(socket).toBe(401);
    }
  });

  it('accepts a cookie among others, as a browser sends them', async () => {
    const answer = await httpRequest(b.port, '/', { cookie: `theme=dark; ${cookie}; other=1` });
    expect(answer.status).toBe(200);
  });

  it('refuses any Host but 127.0.0.1, localhost or [::1] with this port, even with a valid cookie (DNS rebinding)', async () => {
    const otherPort = b.port === 65535 ? 65534 : b.port + 1;
    for (const host of [
      `evil.example:${b.port}`,
      `127.0.0.1:${otherPort}`,
      '127.0.0.1',
      `localhost.evil.example:${b.port}`,
      `127.0.0.2:${b.port}`,
    ]) {
      for (const requestPath of ['/', '/assets/app.js', '/download/abc']) {
        const answer = await httpRequest(b.port, requestPath, { cookie, host });
        expect(answer.status, `${host}${requestPath}`).toBe(403);
        expect(answer.text).not.toContain('root');
      }
      expect(await openSocket(b, { cookie, host, origin: `http://${host}` }).catch(refusedStatus)).toBe(403);
    }
    // No Host at all: Node itself refuses an HTTP/1.1 request without one.
    expect([400, 403]).toContain((await httpRequest(b.port, '/', { cookie, host: null })).status);
    for (const host of [`localhost:${b.port}`, `LOCALHOST:${b.port}`, `[::1]:${b.port}`]) {
      expect((await httpRequest(b.port, '/', { cookie, host })).status, host).toBe(200);
    }
  });

  it('opens the socket only for an upgrade whose Origin is this server', async () => {
    const otherPort = b.port === 65535 ? 65534 : b.port + 1;
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${b.port}`,
      `http://127.0.0.1:${otherPort}`,
      `https://127.0.0.1:${b.port}`,
      'null',
    ]) {
      expect(await openSocket(b, { cookie, origin }).catch(refusedStatus), origin).toBe(403);
    }
    expect(await openSocket(b, { cookie, origin: null }).catch(refusedStatus)).toBe(403);
    expect(await openSocket(b, { cookie, path: '/elsewhere' }).catch(refusedStatus)).toBe(404);

    const ws = await openSocket(b, { cookie });
    expect(await request(socketWire(ws), 'app.status', {})).toMatchObject({ mode: 'browser' });
    ws.close();
    const viaLocalhost = await openSocket(b, { cookie, host: `localhost:${b.port}`, origin: `http://localhost:${b.port}` });
    viaLocalhost.close();
    // The Origin must match the Host the request names, not just any of this server's names.
    expect(await openSocket(b, { cookie, host: `localhost:${b.port}`, origin: b.origin }).catch(refusedStatus)).toBe(403);
  });

  it('refuses requests from another origin, and anything but GET and HEAD', async () => {
    expect((await httpRequest(b.port, '/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await httpRequest(b.port, '/download/abc', { cookie, method, origin: 'http://evil.example' })).status, method).toBe(403);
      expect((await httpRequest(b.port, '/', { cookie, method, origin: b.origin })).status, method).toBe(405);
    }
    const head = await httpRequest(b.port, '/assets/app.js', { cookie, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toHaveLength(0);
    expect(head.headers['content-length']).toBe(String(fs.statSync(path.join(b.rendererDir, 'assets', 'app.js')).size));
  });

  it('serves the built files with their content types and the security headers', async () => {
    const expected: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/index.html': 'text/html; charset=utf-8',
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/inter.woff2': 'font/woff2',
      '/assets/logo.svg': 'image/svg+xml',
      '/assets/logo.png': 'image/png',
      '/assets/manifest.json': 'application/json; charset=utf-8',
      '/favicon.ico': 'image/x-icon',
    };
    for (const [requestPath, type] of Object.entries(expected)) {
      const answer = await httpRequest(b.port, requestPath, { cookie });
      expect(answer.status, requestPath).toBe(200);
      expect(answer.headers['content-type'], requestPath).toBe(type);
      expectSecurityHeaders(answer.headers);
      const file = requestPath === '/' ? 'index.html' : requestPath.slice(1);
      expect(answer.body.equals(fs.readFileSync(path.join(b.rendererDir, file))), requestPath).toBe(true);
    }
    // No single-page fallback: an unknown path is 404, and so is a folder.
    for (const requestPath of ['/settings', '/assets/missing.js', '/assets']) {
      expect((await httpRequest(b.port, requestPath, { cookie })).status, requestPath).toBe(404);
    }
    // A build without an icon: the browser's own request for one gets 204, not an error.
    fs.rmSync(path.join(b.rendererDir, 'favicon.ico'));
    const noIcon = await httpRequest(b.port, '/favicon.ico', { cookie });
    expect(noIcon.status).toBe(204);
    expect(noIcon.body).toHaveLength(0);
    expectSecurityHeaders(noIcon.headers);
  });

  it('refuses path traversal in every spelling', async () => {
    fs.symlinkSync(b.secretFile, path.join(b.rendererDir, 'assets', 'linked.txt'));
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/index.html%00.js',
      '/./index.html',
      '//secret.txt',
      `/${encodeURIComponent(b.secretFile)}`,
      `/${b.secretFile.replace(/^\//, '')}`,
      '/%',
      '/assets/linked.txt',
      'secret.txt',
      `http://127.0.0.1:${b.port}/../secret.txt`,
    ];
    for (const attempt of attempts) {
      const answer = await httpRequest(b.port, attempt, { cookie });
      expect([400, 404], `${attempt} answered ${answer.status}`).toContain(answer.status);
      expect(answer.text).not.toContain(b.secret);
    }
  });
});

describe('the /rpc socket', () => {
  let b: TestBridge;
  let cookie: string;
  beforeAll(async () => {
    b = await startTestBridge('bridge-rpc');
    cookie = await signInBrowser(b);
  });
  afterAll(() => b.close());

  it('answers bad JSON and binary frames with an error and stays open', async () => {
    const ws = await openSocket(b, { cookie });
    const wire = socketWire(ws);
    expect(await wire.send('not json')).toMatchObject({ id: -1, ok: false, error: { kind: 'invalid', code: 'bad-json' } });
    const binary = new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(Buffer.from('{"id":1,"method":"app.status","params":{}}'), { binary: true });
    expect(await binary).toMatchObject({ response: { ok: false, error: { code: 'bad-frame' } } });
    expect(await request(wire, 'app.status', {})).toMatchObject({ mode: 'browser' });
    await wire.close();
  });

  it('closes a socket that sends more than 1 MB in one message, and the server goes on', async () => {
    const ws = await openSocket(b, { cookie });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send(JSON.stringify({ id: 1, method: 'app.status', params: {}, padding: 'x'.repeat(1024 * 1024) }));
    expect(await closed).toBe(1009);
    const again = await openSocket(b, { cookie });
    expect(await request(socketWire(again), 'app.status', {})).toMatchObject({ mode: 'browser' });
    again.close();
  });
});

describe('downloads', () => {
  let b: TestBridge;
  let cookie: string;
  let ws: WebSocket;
  let wire: ReturnType<typeof socketWire>;
  beforeAll(async () => {
    b = await startTestBridge('bridge-download');
    cookie = await signInBrowser(b);
    ws = await openSocket(b, { cookie });
    wire = socketWire(ws);
    await request(wire, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
  });
  afterAll(() => b.close());

  it('sends the export once, with its content type, as an attachment, with the gate summary in a header', async () => {
    for (const format of ['csv', 'json'] as const) {
      const { ticket } = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format } });
      // Without the cookie: refused, and the ticket is not used up.
      expect((await httpRequest(b.port, `/download/${ticket}`)).status).toBe(401);
      const answer = await httpRequest(b.port, `/download/${ticket}`, { cookie });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      expect(answer.headers['content-disposition']).toBe(`attachment; filename="audit.export.${format}"`);
      expectSecurityHeaders(answer.headers);
      const summary = JSON.parse(String(answer.headers['x-custodian-summary'])) as { entries: number; bytes: number; sha256: string };
      expect(summary.sha256).toBe(crypto.createHash('sha256').update(answer.body).digest('hex'));
      expect(summary.bytes).toBe(answer.body.length);
      expect(summary.entries).toBeGreaterThanOrEqual(2);
      if (format === 'json') expect((JSON.parse(answer.text) as unknown[]).length).toBe(summary.entries);
      else expect(answer.text.split('\n')[0]).toMatch(/^seq,at,username/);

      const second = await httpRequest(b.port, `/download/${ticket}`, { cookie });
      expect(second.status).toBe(404);
      expect(JSON.parse(second.text)).toEqual({
        kind: 'not-found',
        code: 'no-such-download',
        message: 'That download has already been used or never existed.',
      });
    }
    expect((await httpRequest(b.port, '/download/never-issued', { cookie })).status).toBe(404);
  });

  it("answers the gate's refusal as JSON {kind, code, message} with a matching status", async () => {
    const bad = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'xml' } as never });
    const invalid = await httpRequest(b.port, `/download/${bad.ticket}`, { cookie });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({ kind: 'invalid', code: 'invalid-input', message: expect.stringMatching(/format/) });

    const { ticket } = await request(wire, 'download.prepare', { operation: 'audit.export', input: { format: 'csv' } });
    await request(wire, 'app.call', { operation: 'session.signOut', input: {} });
    const signedOut = await httpRequest(b.port, `/download/${ticket}`, { cookie });
    expect(signedOut.status).toBe(403);
    expect(JSON.parse(signedOut.text)).toMatchObject({ kind: 'denied', code: 'not-signed-in' });
  });

  it('stops: sockets closed, nobody signed in, nothing listening', async () => {
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await b.bridge.close();
    await closed;
    expect(b.service.workspace!.sessions.size).toBe(0);
    expect(b.bridge.server.listening).toBe(false);
    await expect(httpRequest(b.port, '/', { cookie })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('a reload keeps the session: a socket of the same browser takes up the one that closed', () => {
  let b: TestBridge;
  let cookie: string;
  const REASON = { caseNumber: '26-0042', purpose: 'Checking the vendor export for the burglary series' };

  beforeAll(async () => {
    b = await startTestBridge('bridge-reattach');
    cookie = await signInBrowser(b);
    const setUp = socketWire(await openSocket(b, { cookie }));
    await request(setUp, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
    await setUp.close();
  });
  afterAll(() => b.close());

  /** A socket of this browser, signed in as the commander, with a working case. */
  async function signedInPage(): Promise<Wire> {
    const page = socketWire(await openSocket(b, { cookie }));
    await request(page, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    await request(page, 'app.setWorkingCase', { workingCase: { access: REASON, confirmedOn: ['imports'] } });
    return page;
  }
  /** Close a page's socket, as a reload does, and wait until the server has noticed. */
  async function leave(page: Wire, waitingAfter: number): Promise<void> {
    await page.close();
    await expect.poll(() => b.service.waitingSessions()).toBe(waitingAfter);
  }
  const entries = async (wire: Wire, operation: string) =>
    ((await request(wire, 'app.call', { operation: 'audit.query', input: { operation, limit: 1000 } })) as { entries: AuditEntry[] })
      .entries;

  it('takes up the signed-in session with its working case, and logs no sign-out or sign-in', async () => {
    const first = await signedInPage();
    const signIns = (await entries(first, 'session.signIn')).length;
    const signOuts = (await entries(first, 'session.signOut')).length;
    await leave(first, 1);

    const reloaded = socketWire(await openSocket(b, { cookie }));
    expect(b.service.waitingSessions()).toBe(0);
    expect((await request(reloaded, 'app.status', {})).session).toEqual({
      state: 'active',
      me: expect.objectContaining({ username: COMMANDER.username }),
      warnings: [],
      workingCase: { access: REASON, confirmedOn: ['imports'] },
    });
    // Every call is still the person's, through the gate and logged.
    expect(await request(reloaded, 'app.call', { operation: 'user.list', input: {} })).toHaveLength(1);
    expect(await entries(reloaded, 'session.signIn')).toHaveLength(signIns);
    expect(await entries(reloaded, 'session.signOut')).toHaveLength(signOuts);
    await request(reloaded, 'app.call', { operation: 'session.signOut', input: {} });
    await reloaded.close();
  });

  it('refuses a socket without the cookie, or with a forged one, before it opens: the session stays waiting for its own browser', async () => {
    const first = await signedInPage();
    await leave(first, 1);
    const forged = `${cookie.split('=')[0]}=${crypto.randomBytes(32).toString('base64url')}`;
    for (const attempt of [undefined, forged, cookie.split('=')[1]!]) {
      expect(await openSocket(b, attempt === undefined ? {} : { cookie: attempt }).catch(refusedStatus)).toBe(401);
    }
    expect(b.service.waitingSessions()).toBe(1);
    const own = socketWire(await openSocket(b, { cookie }));
    expect((await request(own, 'app.status', {})).session.state).toBe('active');
    await request(own, 'app.call', { operation: 'session.signOut', input: {} });
    await own.close();
  });

  it("never gives one browser session's signed-in session to another", async () => {
    // Two browsers cannot both hold this server's link, so the second browser session is the
    // service's own holder id for a connection, as the bridge makes one per cookie.
    const first = await signedInPage();
    await leave(first, 1);
    const otherBrowser = directWire(b.service, 'another-browser-session');
    expect((await request(otherBrowser, 'app.status', {})).session).toEqual({ state: 'signed-out' });
    await expect(request(otherBrowser, 'app.call', { operation: 'user.list', input: {} })).rejects.toMatchObject({ code: 'not-signed-in' });
    const noHolder = directWire(b.service);
    expect((await request(noHolder, 'app.status', {})).session).toEqual({ state: 'signed-out' });
    await otherBrowser.close();
    await noHolder.close();
    expect(b.service.waitingSessions()).toBe(1);
    const own = socketWire(await openSocket(b, { cookie }));
    expect((await request(own, 'app.status', {})).session.state).toBe('active');
    await request(own, 'app.call', { operation: 'session.signOut', input: {} });
    await own.close();
  });

  it('keeps nothing after a sign-out: the next socket starts signed out, and the working case is gone', async () => {
    const first = await signedInPage();
    await request(first, 'app.call', { operation: 'session.signOut', input: {} });
    await leave(first, 0);
    const next = socketWire(await openSocket(b, { cookie }));
    expect((await request(next, 'app.status', {})).session).toEqual({ state: 'signed-out' });
    await request(next, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    expect((await request(next, 'app.status', {})).session).toMatchObject({ state: 'active', workingCase: null });
    await request(next, 'app.call', { operation: 'session.signOut', input: {} });
    await next.close();
  });

  it('brings back an idle-locked session locked: the lock screen, then the password', async () => {
    const first = await signedInPage();
    await leave(first, 1);
    b.clock.advanceMinutes(16);
    const reloaded = socketWire(await openSocket(b, { cookie }));
    expect((await request(reloaded, 'app.status', {})).session).toMatchObject({ state: 'locked', workingCase: { access: REASON } });
    await expect(request(reloaded, 'app.call', { operation: 'user.list', input: {} })).rejects.toMatchObject({ code: 'session-locked' });
    await expect(request(reloaded, 'app.setWorkingCase', { workingCase: null })).rejects.toMatchObject({ code: 'session-locked' });
    await request(reloaded, 'app.unlock', { password: COMMANDER.password });
    expect((await request(reloaded, 'app.status', {})).session.state).toBe('active');
    await request(reloaded, 'app.call', { operation: 'session.signOut', input: {} });
    await reloaded.close();
  });

  it('keeps a working case only as the gate would take it: given, trimmed, on one line', async () => {
    const page = await signedInPage();
    await expect(
      request(page, 'app.setWorkingCase', { workingCase: { access: { ...REASON, purpose: 'Two\nlines' }, confirmedOn: [] } }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'purpose', message: expect.stringMatching(/^The purpose is one line/) as string }],
    });
    expect(
      await request(page, 'app.setWorkingCase', {
        workingCase: { access: { caseNumber: ' 26-0042 ', purpose: ` ${REASON.purpose}\n` }, confirmedOn: ['search', 'search'] },
      }),
    ).toEqual({ workingCase: { access: REASON, confirmedOn: ['search'] } });
    await request(page, 'app.call', { operation: 'session.signOut', input: {} });
    await expect(request(page, 'app.setWorkingCase', { workingCase: { access: REASON, confirmedOn: [] } })).rejects.toMatchObject({
      code: 'not-signed-in',
    });
    await page.close();
  });

  it('signs the session out, logged, once the grace has passed with no page to take it up', async () => {
    const quick = await startTestBridge('bridge-reattach-grace', { reattachGraceMs: 200 });
    try {
      const quickCookie = await signInBrowser(quick);
      const page = socketWire(await openSocket(quick, { cookie: quickCookie }));
      await request(page, 'app.setUp', { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
      await request(page, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
      await page.close();
      await expect.poll(() => quick.service.workspace!.sessions.size, { timeout: 5_000 }).toBe(0);
      expect(quick.service.waitingSessions()).toBe(0);
      const late = socketWire(await openSocket(quick, { cookie: quickCookie }));
      expect((await request(late, 'app.status', {})).session).toEqual({ state: 'signed-out' });
      await request(late, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
      const signOuts = await entries(late, 'session.signOut');
      expect(signOuts.at(-1)).toMatchObject({ username: COMMANDER.username, outcome: 'ok' });
      await late.close();
    } finally {
      await quick.close();
    }
  });

  it('signs a waiting session out when the server stops', async () => {
    const page = await signedInPage();
    await leave(page, 1);
    await b.bridge.close();
    await b.service.close();
    expect(b.service.waitingSessions()).toBe(0);
    const ws = Workspace.open(b.dir, { clock: b.clock });
    try {
      expect(ws.sessions.size).toBe(0);
      const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
      const { entries: log } = ws.call(token, 'audit.query', { operation: 'session.signOut', limit: 1000 }) as { entries: AuditEntry[] };
      expect(log.at(-1)).toMatchObject({ username: COMMANDER.username, outcome: 'ok' });
      ws.call(token, 'session.signOut', {});
    } finally {
      ws.close();
    }
  });
});

describe('binding', () => {
  it('refuses any host that is not loopback, before anything binds', async () => {
    const service = new AppService({ dir: tempFolder('bridge-bind'), mode: 'browser', version: 'test' });
    const { rendererDir } = rendererFixture();
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'example.com', '127.0.0.2', '']) {
      await expect(startBridge({ service, rendererDir, host }), host).rejects.toMatchObject({ kind: 'invalid', code: 'not-loopback' });
    }
    const v6 = await startBridge({ service, rendererDir, host: '::1' }).catch((error: NodeJS.ErrnoException) => error);
    if (!(v6 instanceof Error)) {
      // Hosts without IPv6 loopback cannot try this part.
      expect(v6.server.address()).toMatchObject({ address: '::1', family: 'IPv6' });
      expect(v6.url).toMatch(new RegExp(`^http://\\[::1\\]:${v6.port}/\\?token=`));
      await v6.close();
    }
    const named = await startBridge({ service, rendererDir, host: 'localhost' });
    expect(named.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    await named.close();
    await service.close();
  });

  it('will not start when the app is not built', async () => {
    const service = new AppService({ dir: tempFolder('bridge-unbuilt'), mode: 'browser', version: 'test' });
    await expect(startBridge({ service, rendererDir: tempFolder('empty-renderer') })).rejects.toThrow(
      'The app is not built: run npm run build',
    );
    await service.close();
  });

  it('custodian serve refuses a non-loopback --host with exit code 2', () => {
    for (const host of ['0.0.0.0', '192.168.1.20']) {
      const dir = path.join(tempFolder('serve-host'), 'ws');
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'custodian.js'), '--workspace', dir, 'serve', '--host', host], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/must be 127\.0\.0\.1, ::1 or localhost/);
      expect(r.stdout).not.toMatch(/token=/);
      expect(fs.existsSync(dir)).toBe(false);
    }
    const badPort = spawnSync(process.execPath, [path.join(REPO, 'bin', 'custodian.js'), 'serve', '--port', 'eighty'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(badPort.status).toBe(2);
  });
});
