// The renderer declares the bridge it expects as a global type (no module to import),
// so the type is pulled in by reference and `bridge` below must match it exactly.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src-renderer/custodian.d.ts" />
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvent, RequestMessage, ResponseMessage } from '../contract/transport.js';

// The renderer's only window into the main process. Keep it narrow: plain data and
// purpose-built functions, never ipcRenderer, an IpcRendererEvent or any other Electron
// object. The shape is CustodianDesktopBridge in src-renderer/custodian.d.ts; the channel
// names match IPC_CHANNELS in ipc.ts (not imported: ipc.ts is main-process code, and a
// sandboxed preload may require nothing but 'electron').

const VERSION_FLAG = '--custodian-version=';

const version = process.argv.find((arg) => arg.startsWith(VERSION_FLAG))?.slice(VERSION_FLAG.length) ?? 'unknown';

const bridge: CustodianDesktopBridge = {
  version,
  request: (message: RequestMessage): Promise<ResponseMessage> => ipcRenderer.invoke('custodian:request', message),
  save: (ticket: string, suggestedName: string): Promise<ResponseMessage> => ipcRenderer.invoke('custodian:save', ticket, suggestedName),
  // One slice of a prepared upload: plain bytes, never a path (see upload-chunks.ts for why).
  uploadSlice: (slice: UploadSliceMessage): Promise<ResponseMessage> => ipcRenderer.invoke('custodian:upload', slice),
  onEvent(listener: (event: AppEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_ipcEvent: IpcRendererEvent, event: AppEvent): void => listener(event);
    ipcRenderer.on('custodian:event', forward);
    return () => {
      ipcRenderer.removeListener('custodian:event', forward);
    };
  },
};

contextBridge.exposeInMainWorld('custodian', Object.freeze(bridge));
