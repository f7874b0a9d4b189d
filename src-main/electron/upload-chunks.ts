import type { ResponseMessage } from '../contract/transport.js';
import { UPLOAD_CHUNK_BYTES } from '../contract/transport.js';
import { invalid } from '../core/errors.js';
import { toErrorData, type Connection, type UploadReceiver } from '../service/connection.js';

/**
 * The desktop app's uploads (`custodian:upload`), without Electron, so they can be tested
 * under plain Node; ipc.ts checks the sender and calls `receive`.
 *
 * Why slices over IPC and not a path: the renderer reads the File it was given (a drop, or
 * the file picker) a slice at a time and sends the bytes; the main process never opens a
 * file a page names. A page able to send paths (webUtils.getPathForFile, or a forged one)
 * could make the main process read any file this account can, such as the workspace's own
 * keyring. Slices are sent one at a time and each is awaited, so memory stays at about one
 * slice on each side, and every slice goes straight into the sealed staging file.
 */

/** `custodian:upload` carries no message id; its replies use this one. */
export const UPLOAD_REPLY_ID = -2;

/** Largest slice accepted in one message. */
export const MAX_UPLOAD_SLICE = 4 * UPLOAD_CHUNK_BYTES;

/** One message on `custodian:upload`: a slice at `offset` (the last one with `last`), or `abort`. */
export type UploadSlice = { ticket: string; offset: number; bytes: Uint8Array; last: boolean } | { ticket: string; abort: true };

/** The message, or undefined when it is not one. */
export function parseUploadSlice(raw: unknown): UploadSlice | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m.ticket !== 'string' || m.ticket.length === 0 || m.ticket.length > 256) return undefined;
  if (m.abort === true) return { ticket: m.ticket, abort: true };
  if (!(m.bytes instanceof Uint8Array) || m.bytes.byteLength > MAX_UPLOAD_SLICE) return undefined;
  if (typeof m.offset !== 'number' || !Number.isSafeInteger(m.offset) || m.offset < 0 || typeof m.last !== 'boolean') return undefined;
  return { ticket: m.ticket, offset: m.offset, bytes: m.bytes, last: m.last };
}

interface Receiving {
  receiver: UploadReceiver;
  received: number;
}

/** The uploads arriving on each window's connection, by ticket. */
export class SlicedUploads {
  private readonly byConnection = new WeakMap<Connection, Map<string, Receiving>>();

  /**
   * Take one slice: the first (offset 0) spends the ticket and opens the upload; each next
   * must start where the last ended; the last finishes it and answers the staged upload.
   * Any refusal drops the upload: nothing half-sent stays staged.
   */
  async receive(connection: Connection, raw: unknown): Promise<ResponseMessage> {
    const slice = parseUploadSlice(raw);
    if (!slice) {
      // A malformed slice ends the upload it names: the file would not arrive whole.
      const ticket = (raw as { ticket?: unknown } | null)?.ticket;
      const open = this.byConnection.get(connection);
      if (typeof ticket === 'string' && open?.has(ticket)) {
        open.get(ticket)!.receiver.abort();
        open.delete(ticket);
      }
      return reply(() => Promise.reject(invalid('bad-request', 'That request is not understood.')));
    }
    let open = this.byConnection.get(connection);
    if (!open) this.byConnection.set(connection, (open = new Map()));
    const current = open.get(slice.ticket);
    const drop = () => {
      open.delete(slice.ticket);
      current?.receiver.abort();
    };
    if ('abort' in slice) {
      drop();
      return { id: UPLOAD_REPLY_ID, ok: true, result: null };
    }
    return reply(async () => {
      try {
        let receiving = current;
        if (!receiving) {
          if (slice.offset !== 0) throw invalid('upload-order', 'That upload has not started; send it again from the beginning.');
          receiving = { receiver: connection.openUpload(slice.ticket), received: 0 };
          open.set(slice.ticket, receiving);
        } else if (slice.offset !== receiving.received) {
          throw invalid('upload-order', `A part of the file went missing (expected byte ${receiving.received}); send it again.`);
        }
        await receiving.receiver.write(Buffer.from(slice.bytes.buffer, slice.bytes.byteOffset, slice.bytes.byteLength));
        receiving.received += slice.bytes.byteLength;
        if (!slice.last) return { received: receiving.received };
        open.delete(slice.ticket);
        return await receiving.receiver.finish();
      } catch (error) {
        open.get(slice.ticket)?.receiver.abort();
        open.delete(slice.ticket);
        throw error;
      }
    });
  }
}

async function reply(work: () => Promise<unknown>): Promise<ResponseMessage> {
  try {
    return { id: UPLOAD_REPLY_ID, ok: true, result: await work() };
  } catch (error) {
    return { id: UPLOAD_REPLY_ID, ok: false, error: toErrorData(error) };
  }
}
