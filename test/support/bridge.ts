import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { AppEvent, RequestName, Requests, ResponseMessage } from '../../src-main/contract/transport';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { AppService } from '../../src-main/service/app-service';
import type { Connection } from '../../src-main/service/connection';
import { tempFolder } from './temp';
import { TestClock } from './workspace-fixtures';

/**
 * Browser mode for the tests: a real bridge on a real loopback port in this process,
 * real HTTP requests (with the Host, Origin and Cookie headers a browser, or an
 * attacker's page, would send) and real WebSockets.
 */

/** A small built renderer in a temp folder, with a secret file beside it for path-traversal attempts. */
export function rendererFixture(): { rendererDir: string; secretFile: string; secret: string } {
  const base = tempFolder('renderer');
  const rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>\n',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("custodian");\n');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0]));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'manifest.json'), '{}\n');
  fs.writeFileSync(path.join(rendererDir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  const secret = 'SECRET-OUTSIDE-THE-RENDERER-FOLDER';
  const secretFile = path.join(base, 'secret.txt');
  fs.writeFileSync(secretFile, secret + '\n');
  return { rendererDir, secretFile, secret };
}

export interface TestBridge {
  bridge: Bridge;
  service: AppService;
  clock: TestClock;
  /** the workspace folder (not created until set-up) */
  dir: string;
  rendererDir: string;
  secretFile: string;
  secret: string;
  port: number;
  /** this server's own Host header and origin */
  host: string;
  origin: string;
  /** the one-time token from the printed link */
  token: string;
  close(): Promise<void>;
}

/**
 * A bridge over a new (not yet set up) workspace, on 127.0.0.1 and a free port, with a test
 * clock. `reattachGraceMs`: how long a closed socket's session waits for the browser's next
 * socket (the service's default, 30 s, unless given).
 */
export async function startTestBridge(label: string, options: { reattachGraceMs?: number } = {}): Promise<TestBridge> {
  const clock = new TestClock('2026-03-02T09:15:00.123Z');
  const dir = path.join(tempFolder(label), 'workspace');
  const service = new AppService({ dir, mode: 'browser', version: '0.0.0-test', clock, workstation: 'BROWSER-TEST', ...options });
  const fixture = rendererFixture();
  const bridge = await startBridge({ service, rendererDir: fixture.rendererDir });
  const url = new URL(bridge.url);
  return {
    bridge,
    service,
    clock,
    dir,
    ...fixture,
    port: bridge.port,
    host: url.host,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    close: async () => {
      await bridge.close();
      await service.close();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface HttpOptions {
  method?: string;
  /** the Host header; null sends none */
  host?: string | null;
  origin?: string;
  cookie?: string;
}

/** One request to 127.0.0.1:port with exactly the headers given (the path is sent as written). */
export function httpRequest(port: number, requestPath: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (options.host !== null) headers.Host = options.host ?? `127.0.0.1:${port}`;
  if (options.origin !== undefined) headers.Origin = options.origin;
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: requestPath, method: options.method ?? 'GET', headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Open the one-time link as a browser would; returns the cookie to send back ("name=value"). */
export async function signInBrowser(b: TestBridge): Promise<string> {
  const answer = await httpRequest(b.port, `/?token=${b.token}`, { host: b.host });
  if (answer.status !== 303) throw new Error(`the one-time link answered ${answer.status}: ${answer.text}`);
  return cookieFrom(answer);
}

/** The "name=value" part of a Set-Cookie answer. */
export function cookieFrom(answer: HttpAnswer): string {
  const setCookie = answer.headers['set-cookie']?.[0];
  if (!setCookie) throw new Error('no cookie was set');
  return setCookie.split(';')[0]!;
}

export interface SocketOptions {
  cookie?: string;
  /** the Origin header; null sends none */
  origin?: string | null;
  host?: string;
  path?: string;
}

/** Open a WebSocket to the bridge; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(b: TestBridge, options: SocketOptions = {}): Promise<WebSocket> {
  const headers: Record<string, string> = { Host: options.host ?? b.host };
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  const origin = options.origin === undefined ? b.origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  const ws = new WebSocket(`ws://127.0.0.1:${b.port}${options.path ?? '/rpc'}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new RefusedUpgrade(res.statusCode ?? 0));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`the upgrade was refused with HTTP ${status}`);
  }
}

/** Something requests can be sent to: a bridge socket, or a service connection directly. */
export interface Wire {
  /** the reply to a raw message (anything: the point is to send malformed ones too) */
  send(raw: unknown): Promise<ResponseMessage>;
  /** every event received so far, in order */
  readonly events: AppEvent[];
  /** resolves at the next event that satisfies `match` (or one already received) */
  nextEvent(match: (event: AppEvent) => boolean): Promise<AppEvent>;
  close(): Promise<void>;
}

/** A typed request: the result, or a thrown error carrying the reply's error data. */
export async function request<M extends RequestName>(wire: Wire, method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
  const response = await wire.send({ id: nextId++, method, params });
  if (!response.ok) throw Object.assign(new Error(response.error.message), response.error);
  return response.result as Requests[M]['result'];
}
let nextId = 1;

class EventLog {
  readonly events: AppEvent[] = [];
  private readonly waiting = new Set<{ match: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }>();

  push(event: AppEvent): void {
    this.events.push(event);
    for (const w of this.waiting) {
      if (w.match(event)) {
        this.waiting.delete(w);
        w.resolve(event);
      }
    }
  }

  next(match: (event: AppEvent) => boolean): Promise<AppEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiting.add({ match, resolve }));
  }
}

/** A wire over a bridge socket: `{ response }` and `{ event }` frames, as bridge-transport.ts reads them. */
export function socketWire(ws: WebSocket): Wire & { frames: unknown[] } {
  const log = new EventLog();
  const frames: unknown[] = [];
  const pending: { id: number; resolve: (r: ResponseMessage) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { response?: ResponseMessage; event?: AppEvent };
    frames.push(frame);
    if (frame.event) return log.push(frame.event);
    if (frame.response) {
      const at = pending.findIndex((p) => p.id === frame.response!.id);
      if (at >= 0) pending.splice(at, 1)[0]!.resolve(frame.response);
    }
  });
  return {
    frames,
    events: log.events,
    nextEvent: (match) => log.next(match),
    send(raw) {
      const id = (raw as { id?: unknown } | null)?.id;
      return new Promise((resolve) => {
        pending.push({ id: typeof id === 'number' ? id : -1, resolve });
        ws.send(typeof raw === 'string' ? raw : JSON.stringify(raw));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

/**
 * A wire straight to a service connection (what the Electron shell does, minus IPC); with
 * `holder`, as the bridge makes one for a browser session (its cookie's id).
 */
export function directWire(service: AppService, holder?: string): Wire & { connection: Connection } {
  const log = new EventLog();
  const connection = service.connect((event) => log.push(event), holder);
  return {
    connection,
    events: log.events,
    nextEvent: (match) => log.next(match),
    send: (raw) => connection.handle(raw),
    close: () => service.disconnect(connection),
  };
}
