import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { failed } from '../core/errors';
import type { AppService } from '../service/app-service';
import { UPLOAD_PATH } from '../contract/transport';
import { serveDownload } from './downloads';
import { loopbackAddress, originAllowed, ownHost, urlHost } from './http-guard';
import { sendPlain, USE_THE_LINK } from './responses';
import { serveSocket, type SocketRecord } from './rpc';
import { CookieSessions, OneTimeToken } from './sessions';
import { rendererIndex, serveStatic } from './static-files';
import { serveUpload } from './uploads';
import { RENDERER_HEADERS } from '../service/renderer-files';

export interface BridgeOptions {
  /** the services to offer; the bridge does not close them */
  service: AppService;
  /** the built renderer (out/renderer) */
  rendererDir: string;
  /** a loopback name only: 127.0.0.1 (default), ::1 or localhost */
  host?: string;
  /** 0 (default): a free port chosen by the system */
  port?: number;
}

export interface Bridge {
  /** the one-time link to open: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  server: http.Server;
  /**
   * close every socket (its jobs stop and its person is signed out, logged), then stop listening;
   * sessions waiting for a reload are signed out by the service's close, or when their grace ends
   */
  close(): Promise<void>;
}

/** Largest WebSocket message accepted; requests are small. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Browser mode: the app's services behind HTTP and a WebSocket, on a loopback address
 * only. The one-time token in the printed link buys a session cookie; every other
 * request needs that cookie, must name this server in its Host header, and must not
 * come from another origin. See docs/ARCHITECTURE.md, "Browser mode".
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const address = loopbackAddress(options.host ?? '127.0.0.1');
  if (!fs.existsSync(rendererIndex(options.rendererDir))) throw failed('not-built', 'The app is not built: run npm run build.');

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? failed(
              'port-in-use',
              `Port ${options.port} on ${address} is in use (EADDRINUSE): choose another with --port, or leave it out for a free one.`,
            )
          : error,
      );
    server.once('error', refused);
    server.listen({ host: address, port: options.port ?? 0 }, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const token = new OneTimeToken();
  const cookies = new CookieSessions(port);
  const sockets = new Set<SocketRecord>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const { service, rendererDir } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A refused request with a body (an upload) is answered without reading the rest of it.
    if (req.method !== 'GET' && req.method !== 'HEAD') res.setHeader('Connection', 'close');
    const host = ownHost(req, port);
    if (!host) return sendPlain(res, 403, `Custodian answers only at http://${urlHost(address, port)}/.`);
    if (!originAllowed(req, host, false)) return sendPlain(res, 403, 'Requests from other sites are refused.');
    const [rawPath = '', query = ''] = (req.url ?? '').split('?', 2);

    const offered = rawPath === '/' ? new URLSearchParams(query).get('token') : null;
    if (offered !== null && req.method === 'GET') {
      // The link: spend the token for a cookie, and take the token out of the address bar.
      if (cookies.find(req.headers.cookie)) return redirectHome(res);
      if (!token.spend(offered)) return sendPlain(res, 403, `This link has been used already or is not right. ${USE_THE_LINK}`);
      return redirectHome(res, cookies.issue().setCookie);
    }

    const sessionId = cookies.find(req.headers.cookie);
    if (!sessionId) return sendPlain(res, 401, USE_THE_LINK);
    if (rawPath.startsWith(UPLOAD_PATH)) {
      if (req.method !== 'PUT') return sendPlain(res, 405, 'Method not allowed.', { Allow: 'PUT' });
      // The page's own fetch always says where it comes from; a request that does not is not the page's.
      if (!originAllowed(req, host, true)) return sendPlain(res, 403, 'Requests from other sites are refused.');
      let ticket: string;
      try {
        ticket = decodeURIComponent(rawPath.slice(UPLOAD_PATH.length));
      } catch {
        return sendPlain(res, 400, 'That path is not allowed.');
      }
      return serveUpload(req, res, ticket, sessionId, sockets);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPlain(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    if (rawPath === '/rpc') return sendPlain(res, 426, 'This address takes a WebSocket.', { Upgrade: 'websocket' });
    if (rawPath.startsWith('/download/')) {
      if (req.method !== 'GET') return sendPlain(res, 405, 'Method not allowed.', { Allow: 'GET' });
      let ticket: string;
      try {
        ticket = decodeURIComponent(rawPath.slice('/download/'.length));
      } catch {
        return sendPlain(res, 400, 'That path is not allowed.');
      }
      return serveDownload(res, ticket, sessionId, sockets);
    }
    return serveStatic(req, res, rendererDir, rawPath);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('Custodian: the bridge failed to answer a request:', error);
      if (!res.headersSent) sendPlain(res, 500, 'Something went wrong.');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const host = ownHost(req, port);
    if (!host) return refuseUpgrade(socket, 403, `Custodian answers only at http://${urlHost(address, port)}/.`);
    // Browsers always send Origin with a WebSocket; a socket from another site, or from no page, is refused.
    if (!originAllowed(req, host, true)) return refuseUpgrade(socket, 403, 'Connections from other sites are refused.');
    const sessionId = cookies.find(req.headers.cookie);
    if (!sessionId) return refuseUpgrade(socket, 401, USE_THE_LINK);
    if ((req.url ?? '').split('?', 1)[0] !== '/rpc') return refuseUpgrade(socket, 404, 'Not found.');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, service, sessionId, sockets));
  });

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(address, port)}/?token=${token.value}`,
    port,
    server,
    close() {
      closing ??= (async () => {
        const records = [...sockets];
        sockets.clear();
        // Stopping signs everyone out now: no page of this server can come back.
        const signedOut = records.map((record) => service.disconnect(record.connection, { forGood: true }));
        for (const record of records) record.ws.terminate();
        wss.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([...signedOut, stopped]);
      })();
      return closing;
    },
  };
}

function redirectHome(res: ServerResponse, setCookie?: string): void {
  res.writeHead(303, { ...RENDERER_HEADERS, Location: '/', 'Content-Length': '0', ...(setCookie ? { 'Set-Cookie': setCookie } : {}) });
  res.end();
}

const REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** Answer a refused upgrade with a plain HTTP response and hang up. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = Buffer.from(text + '\n', 'utf8');
  socket.once('finish', () => socket.destroy());
  socket.end(
    Buffer.concat([
      Buffer.from(
        `HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\n` +
          'Connection: close\r\n' +
          'Content-Type: text/plain; charset=utf-8\r\n' +
          `Content-Length: ${body.length}\r\n` +
          Object.entries(RENDERER_HEADERS)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('') +
          '\r\n',
      ),
      body,
    ]),
  );
}
