import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type SaveDialogOptions, type WebContents } from 'electron';
import type { ResponseMessage, TransportErrorData } from '../contract/transport.js';
import { CustodianError } from '../core/errors.js';
import type { AppService } from '../service/app-service.js';
import { toErrorData, type Connection } from '../service/connection.js';
import { requestIdOf } from '../service/messages.js';
import { safeFileName, writeFileFromSink } from './save-file.js';
import { isTrustedSender } from './sender-check.js';
import { SlicedUploads, UPLOAD_REPLY_ID } from './upload-chunks.js';

/** The only IPC channels. The preload (preload.ts) uses the same names. */
export const IPC_CHANNELS = {
  /** renderer → main, invoke: one RequestMessage, answered with a ResponseMessage */
  request: 'custodian:request',
  /** renderer → main, invoke: (ticket, suggestedName), answered with a ResponseMessage */
  save: 'custodian:save',
  /** renderer → main, invoke: one slice of a prepared upload (upload-chunks.ts), answered with a ResponseMessage */
  upload: 'custodian:upload',
  /** main → renderer: job events (AppEvent) */
  event: 'custodian:event',
} as const;

/** `custodian:save` carries no message id; its replies use this one. */
const SAVE_REPLY_ID = -1;

/**
 * One service `Connection` per window the app made. The connection holds that window's
 * session; the page never sees the token. A new page in the window (a reload, a
 * navigation, a renderer crash) starts with a new connection, so the old page's session
 * is ended through the gate (logged). The window going away ends it too.
 */
export class WindowConnections {
  private readonly byContents = new Map<WebContents, Connection>();

  constructor(private readonly service: AppService) {}

  attach(contents: WebContents): void {
    this.open(contents);
    contents.on('did-start-navigation', (details) => {
      // The first load replaces a connection that has no session yet: nothing to sign out.
      if (details.isMainFrame && !details.isSameDocument) this.reopen(contents);
    });
    contents.on('render-process-gone', () => this.reopen(contents));
    contents.once('destroyed', () => this.close(contents));
  }

  get(contents: WebContents): Connection | undefined {
    return this.byContents.get(contents);
  }

  private open(contents: WebContents): void {
    const connection = this.service.connect((event) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event);
    });
    this.byContents.set(contents, connection);
  }

  private reopen(contents: WebContents): void {
    this.close(contents);
    if (!contents.isDestroyed()) this.open(contents);
  }

  private close(contents: WebContents): void {
    const connection = this.byContents.get(contents);
    this.byContents.delete(contents);
    if (connection) this.service.disconnect(connection);
  }
}

/**
 * Installs the three handlers. Every message is checked before it reaches the service: it
 * must come from a window we registered, from that window's top-level frame, on the app's
 * own origin (`allowedOrigin`). Anything else is refused and logged to the console.
 */
export function registerIpc(connections: WindowConnections, allowedOrigin: string): void {
  const trustedConnection = (event: IpcMainInvokeEvent, channel: string): Connection | undefined => {
    const connection = connections.get(event.sender);
    const frame = event.senderFrame;
    const mainFrame = event.sender.mainFrame;
    const facts = {
      frameUrl: frame?.url ?? null,
      isMainFrame: frame !== null && !frame.detached && frame.parent === null && frame.frameToken === mainFrame.frameToken,
      isKnownContents: connection !== undefined,
    };
    if (connection !== undefined && isTrustedSender(facts, allowedOrigin)) return connection;
    console.error(`Custodian: refused a ${channel} message from an untrusted sender`, facts);
    return undefined;
  };

  ipcMain.handle(IPC_CHANNELS.request, async (event, message: unknown): Promise<ResponseMessage> => {
    const connection = trustedConnection(event, IPC_CHANNELS.request);
    if (!connection) return refusal(requestIdOf(message));
    return connection.handle(message);
  });

  ipcMain.handle(IPC_CHANNELS.save, async (event, ticket: unknown, suggestedName: unknown): Promise<ResponseMessage> => {
    const connection = trustedConnection(event, IPC_CHANNELS.save);
    if (!connection) return refusal(SAVE_REPLY_ID);
    if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > 256) {
      return failure({ kind: 'invalid', code: 'bad-request', message: 'That request is not understood.' });
    }
    // No dialog for a ticket that is spent or unknown.
    if (!connection.preparedDownload(ticket)) {
      return failure({ kind: 'not-found', code: 'no-such-download', message: 'That download has already been used or never existed.' });
    }
    return saveDownload(event.sender, connection, ticket, safeFileName(suggestedName));
  });

  const uploads = new SlicedUploads();
  ipcMain.handle(IPC_CHANNELS.upload, async (event, slice: unknown): Promise<ResponseMessage> => {
    const connection = trustedConnection(event, IPC_CHANNELS.upload);
    if (!connection) return refusal(UPLOAD_REPLY_ID);
    return uploads.receive(connection, slice);
  });
}

/**
 * Ask where to save, then run the prepared download into that file. The dialog asks
 * before replacing an existing file. Cancelling answers ok with a null result.
 */
async function saveDownload(contents: WebContents, connection: Connection, ticket: string, fileName: string): Promise<ResponseMessage> {
  const window = BrowserWindow.fromWebContents(contents);
  const options: SaveDialogOptions = {
    title: 'Save',
    defaultPath: path.join(app.getPath('documents'), fileName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { id: SAVE_REPLY_ID, ok: true, result: null };

  const savedTo = choice.filePath;
  try {
    const summary = await writeFileFromSink(savedTo, (sink) => connection.runDownload(ticket, sink));
    return { id: SAVE_REPLY_ID, ok: true, result: { savedTo, summary } };
  } catch (error) {
    return failure(saveErrorData(error, savedTo));
  }
}

/** The gate's own refusal as it is; a file-system failure as a sentence naming the file. */
function saveErrorData(error: unknown, savedTo: string): TransportErrorData {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!(error instanceof CustodianError) && typeof code === 'string') {
    return {
      kind: 'failed',
      code: 'save-failed',
      message: `The file could not be saved to ${savedTo} (${code}). Choose another folder and try again.`,
    };
  }
  return toErrorData(error);
}

function refusal(id: number): ResponseMessage {
  return {
    id,
    ok: false,
    error: { kind: 'denied', code: 'untrusted-sender', message: 'This page may not use Custodian: it is not the Custodian window.' },
  };
}

function failure(error: TransportErrorData): ResponseMessage {
  return { id: SAVE_REPLY_ID, ok: false, error };
}
