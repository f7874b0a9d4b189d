import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_UPLOAD_BYTES, type TransportErrorData } from '../contract/transport';
import { toErrorData, type UploadReceiver } from '../service/connection';
import { sendJson } from './responses';
import type { SocketRecord } from './rpc';

const STATUS_FOR: Readonly<Record<TransportErrorData['kind'], number>> = {
  denied: 403,
  invalid: 400,
  'not-found': 404,
  failed: 500,
};

/** Refuse, and hang up afterwards: the rest of a refused body is not read. */
function refuse(res: ServerResponse, status: number, error: TransportErrorData): void {
  res.setHeader('Connection', 'close');
  sendJson(res, status, error);
}

/**
 * PUT /upload/<ticket>: the bytes of a file a socket of this browser session prepared
 * (`upload.prepare`, which named the file and its exact size). The ticket works once. The
 * body is streamed, a chunk at a time with backpressure, into the workspace's sealed
 * staging (core/intake/staging.ts); nothing is held in memory. It must carry exactly the
 * announced size (Content-Length, no chunked bodies): a body cut short, larger than
 * announced or refused part-way leaves nothing staged. The answer is JSON: the upload
 * ({uploadId, name, size, sha256}) or the refusal ({kind, code, message}).
 */
export async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  ticket: string,
  sessionId: string,
  sockets: Iterable<SocketRecord>,
): Promise<void> {
  let owner: SocketRecord | undefined;
  for (const record of sockets) if (record.sessionId === sessionId && record.connection.preparedUpload(ticket)) owner = record;
  const prepared = owner?.connection.preparedUpload(ticket);
  if (!owner || !prepared) {
    return refuse(res, 404, {
      kind: 'not-found',
      code: 'no-such-upload',
      message: 'That upload has already been sent or never existed. Add the file again.',
    });
  }
  const length = req.headers['content-length'];
  if (length === undefined || !/^\d+$/.test(length)) {
    return refuse(res, 411, { kind: 'invalid', code: 'upload-length', message: 'Send the file with its length (Content-Length).' });
  }
  const declared = Number(length);
  if (declared > MAX_UPLOAD_BYTES) {
    return refuse(res, 413, {
      kind: 'invalid',
      code: 'upload-size',
      message: `A file sent for import may be at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB.`,
    });
  }
  if (declared !== prepared.size) {
    return refuse(res, 400, {
      kind: 'invalid',
      code: 'upload-size',
      message: `${prepared.name} was announced as ${prepared.size} bytes, but ${declared} bytes were sent. Add the file again.`,
    });
  }

  let receiver: UploadReceiver | undefined;
  try {
    receiver = owner.connection.openUpload(ticket);
    // One chunk at a time: the next is read only once the last is sealed and written.
    for await (const chunk of req) await receiver.write(chunk as Buffer);
    const upload = await receiver.finish();
    receiver = undefined;
    sendJson(res, 200, upload);
  } catch (error) {
    receiver?.abort();
    if (req.destroyed && !req.complete) {
      // The browser went away mid-file: nothing to answer, nothing kept.
      res.destroy();
      return;
    }
    const data = toErrorData(error);
    refuse(res, STATUS_FOR[data.kind], data);
  }
}
