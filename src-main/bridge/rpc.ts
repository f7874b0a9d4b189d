import type { RawData, WebSocket } from 'ws';
import type { AppEvent, ResponseMessage } from '../contract/transport';
import type { AppService } from '../service/app-service';
import type { Connection } from '../service/connection';

/** What the bridge sends down the socket (src-renderer/client/bridge-transport.ts reads it). */
export type BridgeFrame = { response: ResponseMessage } | { event: AppEvent };

/** One open /rpc socket: its service connection and the browser session (cookie) it belongs to. */
export interface SocketRecord {
  readonly ws: WebSocket;
  readonly connection: Connection;
  readonly sessionId: string;
}

const refusal = (code: string, message: string): BridgeFrame => ({
  response: { id: -1, ok: false, error: { kind: 'invalid', code, message } },
});

function send(ws: WebSocket, frame: BridgeFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * Serve one socket: one service connection for its life. Each text frame is a JSON
 * request answered with `{ response }`; job events go out as `{ event }`. A frame that
 * is not JSON gets an error reply and the socket stays open. The connection belongs to the
 * browser session whose cookie the upgrade carried (`sessionId`): when the socket closes, its
 * signed-in session waits a short while for that browser's next socket (a reload of the
 * page) and is then signed out through the gate; a socket of that browser session opened
 * meanwhile takes it up (AppService.connect). No other cookie can.
 */
export function serveSocket(ws: WebSocket, service: AppService, sessionId: string, sockets: Set<SocketRecord>): SocketRecord {
  const connection = service.connect((event) => send(ws, { event }), sessionId);
  const record: SocketRecord = { ws, connection, sessionId };
  sockets.add(record);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return send(ws, refusal('bad-frame', 'Send requests as text frames of JSON.'));
    let raw: unknown;
    try {
      raw = JSON.parse(text(data));
    } catch {
      return send(ws, refusal('bad-json', 'That message is not JSON.'));
    }
    void connection.handle(raw).then((response) => send(ws, { response }));
  });
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    sockets.delete(record);
    void service.disconnect(connection);
  });
  return record;
}
