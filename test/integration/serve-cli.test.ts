import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/contract/schemas';
import type { AppStatus } from '../../src-main/contract/transport';
import { Workspace } from '../../src-main/core/workspace';
import { cookieFrom, httpRequest, request, socketWire } from '../support/bridge';
import { REPO } from '../support/cli';
import { BIN, running, serve } from '../support/serve-process';
import { COMMANDER, removeTempFolders, tempFolder } from '../support/workspace-fixtures';

// `custodian serve` as a person runs it: the built command in its own process, the
// printed link opened over real HTTP, a real socket, and Ctrl-C (SIGINT) or SIGTERM.

afterAll(removeTempFolders);

function socket(url: URL, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://${url.host}/rpc`, { headers: { Cookie: cookie, Origin: url.origin } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('custodian serve', () => {
  it('prints a one-time link on 127.0.0.1 that opens the built app, and stops on Ctrl-C with exit code 0', async () => {
    const dir = path.join(tempFolder('serve'), 'ws');
    const served = await serve(['--workspace', dir, 'serve', '--port', '0']);
    expect(served.url.hostname).toBe('127.0.0.1');
    expect(served.url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(served.stdout()).toMatch(/Open this link/);
    expect(served.stdout()).toMatch(/Ctrl-C/);
    const port = Number(served.url.port);

    const link = await httpRequest(port, `${served.url.pathname}${served.url.search}`);
    expect(link.status).toBe(303);
    const cookie = cookieFrom(link);
    expect((await httpRequest(port, `${served.url.pathname}${served.url.search}`)).status).toBe(403);

    const page = await httpRequest(port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const script = /<script[^>]+src="\.?(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script, page.text).toBeDefined();
    const asset = await httpRequest(port, script!, { cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');

    const ws = await socket(served.url, cookie);
    const status = await request(socketWire(ws), 'app.status', {});
    const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(status).toEqual<AppStatus>({
      version,
      mode: 'browser',
      workspace: { dir, exists: false, workspaceId: null },
      session: { state: 'signed-out' },
    });
    const socketClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
    await socketClosed;
    expect(served.stderr()).toMatch(/stopped \(SIGINT\)/);
  });

  it('signs everyone out, through the gate, when stopped with SIGTERM', async () => {
    const dir = path.join(tempFolder('serve'), 'ws');
    Workspace.init(dir, { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password });
    const served = await serve(['--workspace', dir, '--json', 'serve', '--host', 'localhost']);
    const printed = JSON.parse(served.stdout().trim()) as { url: string; port: number; workspace: string };
    expect(printed).toMatchObject({ url: served.url.href, workspace: dir });
    expect(served.url.host).toBe(`127.0.0.1:${printed.port}`);

    const cookie = cookieFrom(await httpRequest(printed.port, `/${served.url.search}`));
    const wire = socketWire(await socket(served.url, cookie));
    await request(wire, 'app.signIn', { username: COMMANDER.username, password: COMMANDER.password });
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);

    const ws = Workspace.open(dir);
    try {
      const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
      const { entries } = ws.call(token, 'audit.query', {}) as { entries: AuditEntry[] };
      const sessions = entries.filter((e) => e.operation.startsWith('session.')).map((e) => `${e.operation} ${e.outcome}`);
      // the browser's sign-in and its sign-out at shutdown, then this check's own sign-in
      expect(sessions).toEqual(['session.signIn ok', 'session.signOut ok', 'session.signIn ok']);
      ws.call(token, 'session.signOut', {});
    } finally {
      ws.close();
    }
  });

  it('refuses to serve a port that is taken, with exit code 1', async () => {
    const first = await serve(['--workspace', path.join(tempFolder('serve'), 'ws'), 'serve']);
    const second = spawn(process.execPath, [BIN, '--workspace', path.join(tempFolder('serve'), 'ws'), 'serve', '--port', first.url.port], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(second);
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/EADDRINUSE/);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });
});
