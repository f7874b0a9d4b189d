import type { ServerResponse } from 'node:http';
import { DOWNLOAD_CANCELLED_HEADER, DOWNLOAD_SUMMARY_HEADER, type TransportErrorData } from '../contract/transport';
import { toErrorData } from '../service/connection';
import { asciiJson, sendJson } from './responses';
import type { SocketRecord } from './rpc';
import { RENDERER_HEADERS } from '../service/renderer-files';

const STATUS_FOR: Readonly<Record<TransportErrorData['kind'], number>> = {
  denied: 403,
  invalid: 400,
  'not-found': 404,
  failed: 500,
};

const CONTENT_TYPE_FOR: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * GET /download/<ticket>: run the streaming operation a socket of this browser session
 * prepared (`download.prepare`), through the gate, and send what it wrote. The ticket
 * works once, and only for the session whose socket asked for it. The result is
 * gathered first, so a refusal becomes an error answer ({kind, code, message}) rather
 * than half a file, and the gate's summary can go in a header.
 */
export async function serveDownload(
  res: ServerResponse,
  ticket: string,
  sessionId: string,
  sockets: Iterable<SocketRecord>,
): Promise<void> {
  let owner: SocketRecord | undefined;
  for (const record of sockets) if (record.sessionId === sessionId && record.connection.preparedDownload(ticket)) owner = record;
  const prepared = owner?.connection.preparedDownload(ticket);
  if (!owner || !prepared) {
    const error: TransportErrorData = {
      kind: 'not-found',
      code: 'no-such-download',
      message: 'That download has already been used or never existed.',
    };
    return sendJson(res, STATUS_FOR[error.kind], error);
  }
  const format = (prepared.input as { format?: unknown } | null)?.format;
  const extension = typeof format === 'string' && format in CONTENT_TYPE_FOR ? format : 'txt';
  const chunks: Buffer[] = [];
  let summary: unknown;
  try {
    summary = await owner.connection.runDownload(ticket, (chunk) => chunks.push(Buffer.from(chunk, 'utf8')));
  } catch (error) {
    const data = toErrorData(error);
    // Cancelling is something the person chose, not a failure: no content, and why.
    if (data.code === 'cancelled') {
      res.writeHead(204, { ...RENDERER_HEADERS, [DOWNLOAD_CANCELLED_HEADER]: asciiJson(data) });
      return void res.end();
    }
    return sendJson(res, STATUS_FOR[data.kind], data);
  }
  const body = Buffer.concat(chunks);
  res.writeHead(200, {
    ...RENDERER_HEADERS,
    'Content-Type': CONTENT_TYPE_FOR[extension] ?? 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Content-Disposition': `attachment; filename="${prepared.operation}.${extension}"`,
    [DOWNLOAD_SUMMARY_HEADER]: asciiJson(summary),
  });
  res.end(body);
}
