import {
  UPLOAD_CHUNK_BYTES,
  type AppEvent,
  type DownloadResult,
  type RequestMessage,
  type ResponseMessage,
  type Transport,
  type UploadedFile,
} from '../../src-main/contract/transport';
import { GateError } from './gate-error';

function unwrap(response: ResponseMessage): unknown {
  if (!response.ok) throw new GateError(response.error);
  return response.result;
}

/** The desktop app's transport: Electron IPC through the preload's narrow `window.custodian`. */
export function ipcTransport(bridge: CustodianDesktopBridge): Transport {
  let nextId = 1;
  const request = async (method: RequestMessage['method'], params: unknown) =>
    unwrap(await bridge.request({ id: nextId++, method, params } as RequestMessage));
  return {
    request: request as Transport['request'],
    async saveDownload(ticket, suggestedName) {
      return unwrap(await bridge.save(ticket, suggestedName)) as DownloadResult | null;
    },
    async upload(ticket, file, onProgress) {
      // A slice at a time, each awaited: the file is never read into memory whole (see src-main/electron/upload-chunks.ts).
      let offset = 0;
      try {
        for (;;) {
          const end = Math.min(file.size, offset + UPLOAD_CHUNK_BYTES);
          const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
          const last = end >= file.size;
          const result = unwrap(await bridge.uploadSlice({ ticket, offset, bytes, last }));
          offset = end;
          onProgress?.(offset, file.size);
          if (last) return result as UploadedFile;
        }
      } catch (error) {
        // A file that could not be read (moved, deleted) leaves nothing half-sent on the other side.
        await bridge.uploadSlice({ ticket, abort: true }).catch(() => undefined);
        throw error;
      }
    },
    onEvent: (listener: (event: AppEvent) => void) => bridge.onEvent(listener),
  };
}
