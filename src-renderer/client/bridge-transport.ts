import {
  DOWNLOAD_CANCELLED_HEADER,
  DOWNLOAD_SUMMARY_HEADER,
  UPLOAD_PATH,
  type AppEvent,
  type RequestMessage,
  type ResponseMessage,
  type Transport,
  type TransportErrorData,
  type UploadedFile,
} from '../../src-main/contract/transport';
import { GateError } from './gate-error';

/** What the bridge sends down the socket: a reply to a request, or an event. */
export type BridgeFrame = { response: ResponseMessage } | { event: AppEvent };

const lost = () =>
  new GateError({ kind: 'failed', code: 'connection-lost', message: 'The connection to Custodian was lost. Reload the page.' });

/**
 * Browser mode's transport: one WebSocket to `custodian serve` on the same origin
 * (the session cookie set when the one-time link was opened goes with it), and plain
 * HTTP for downloads.
 */
export function bridgeTransport(location: Location = window.location): Transport {
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Set<(event: AppEvent) => void>();
  let nextId = 1;
  let closed = false;

  const socket = new WebSocket(socketUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(lost()), { once: true });
  });
  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data)) as BridgeFrame;
    if ('event' in frame) {
      for (const listener of listeners) listener(frame.event);
      return;
    }
    const waiting = pending.get(frame.response.id);
    pending.delete(frame.response.id);
    if (!waiting) return;
    if (frame.response.ok) waiting.resolve(frame.response.result);
    else waiting.reject(new GateError(frame.response.error));
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const waiting of pending.values()) waiting.reject(lost());
    pending.clear();
  });

  const request = async (method: RequestMessage['method'], params: unknown): Promise<unknown> => {
    await opened;
    if (closed) throw lost();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  };

  return {
    request: request as Transport['request'],
    async saveDownload(ticket, suggestedName) {
      const response = await fetch(`/download/${encodeURIComponent(ticket)}`, { credentials: 'same-origin' });
      if (!response.ok) {
        // The bridge answers a refused or failed download with the gate's error as JSON.
        const error = (await response.json().catch(() => null)) as TransportErrorData | null;
        throw new GateError(
          error?.message ? error : { kind: 'failed', code: 'download-failed', message: `The download failed (HTTP ${response.status}).` },
        );
      }
      if (response.status === 204)
        throw new GateError(JSON.parse(response.headers.get(DOWNLOAD_CANCELLED_HEADER) ?? 'null') as TransportErrorData);
      const summary = JSON.parse(response.headers.get(DOWNLOAD_SUMMARY_HEADER) ?? 'null') as never;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { savedTo: null, summary };
    },
    upload(ticket, file, onProgress) {
      // XMLHttpRequest, not fetch: it reports upload progress. The browser streams the File from disk.
      return new Promise<UploadedFile>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', `${UPLOAD_PATH}${encodeURIComponent(ticket)}`);
        xhr.responseType = 'json';
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.upload.addEventListener('progress', (event) => onProgress?.(event.loaded, file.size));
        xhr.addEventListener('load', () => {
          const body = xhr.response as (UploadedFile & TransportErrorData) | null;
          if (xhr.status === 200 && body?.uploadId) return resolve(body);
          reject(
            new GateError(
              body?.message
                ? body
                : { kind: 'failed', code: 'upload-failed', message: `Sending ${file.name} failed (HTTP ${xhr.status}).` },
            ),
          );
        });
        const lostUpload = () =>
          reject(new GateError({ kind: 'failed', code: 'upload-failed', message: `Sending ${file.name} was interrupted; add it again.` }));
        xhr.addEventListener('error', lostUpload);
        xhr.addEventListener('abort', lostUpload);
        xhr.send(file as unknown as Blob);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
