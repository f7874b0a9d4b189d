import type { AccessReason, Me } from './schemas';
import type { OperationName, OpOutput, Operations } from './operations';

/**
 * What travels between a screen and the services, whatever carries it: Electron IPC in
 * the desktop app, a WebSocket in browser mode (`custodian serve`). Every message is
 * plain JSON. The session token never crosses: each connection (a window, a socket)
 * holds its own session on the service side, so page script cannot read or leak it.
 */

/** Where the app stands, asked for at start and polled (asking does not count as activity). */
export interface AppStatus {
  version: string;
  /** 'desktop' in the Electron window, 'browser' through `custodian serve` */
  mode: 'desktop' | 'browser';
  workspace: { dir: string; exists: boolean; workspaceId: string | null };
  /**
   * `warnings`: what the person was warned of at sign-in, to show until the session ends (a log behind its checkpoint);
   * `workingCase`: the case and purpose in use, kept with the session so a reload of the page keeps it
   */
  session: { state: 'signed-out' } | { state: 'active' | 'locked'; me: Me; warnings: string[]; workingCase: WorkingCase | null };
}

/**
 * The case and purpose a person works under in this session (policy 427.6(b)), and the pages
 * where they have said it is the one for the work there: the screens ask once per page before
 * ALPR data is opened under a case given on another page. Kept by the service with the
 * session, not by the page, so a reload keeps it; forgotten at sign-out. Not a secret: every
 * ALPR call carries it into the access log.
 */
export interface WorkingCase {
  access: AccessReason;
  /** the pages (module ids, e.g. "search") where it was given or confirmed */
  confirmedOn: string[];
}

/** The requests a connection can make; `call` reaches the gate, the rest come before a session exists. */
export interface Requests {
  'app.status': { params: Record<string, never>; result: AppStatus };
  /** first run only: create the workspace and its commander; the recovery code is shown once */
  'app.setUp': {
    params: { commander: string; fullName: string; password: string };
    result: { workspaceId: string; recoveryCode: string };
  };
  'app.signIn': { params: { username: string; password: string }; result: { me: Me; warnings: string[] } };
  'app.unlock': { params: { password: string }; result: { me: Me } };
  'app.recover': { params: { recoveryCode: string; username: string; newPassword: string }; result: { recoveryCode: string } };
  'app.call': { params: { operation: OperationName; input: unknown; access?: AccessReason }; result: unknown };
  /** keep (or, with null, forget) the session's working case; refused unless the session is active */
  'app.setWorkingCase': { params: { workingCase: WorkingCase | null }; result: { workingCase: WorkingCase | null } };
  /** start an operation declared `job` in the contract; its events arrive on the event channel */
  'job.start': { params: { operation: JobOperation; input: unknown; access?: AccessReason }; result: { jobId: string } };
  'job.cancel': { params: { jobId: string }; result: { cancelled: boolean } };
  /**
   * a one-time ticket for a streaming operation; the transport then runs it into a file
   * (Electron: `custodian:save`) or a download (browser mode: GET /download/<ticket>).
   * It runs as a job: its events carry `jobId`, and `job.cancel` stops it.
   */
  'download.prepare': {
    params: { operation: StreamingOperation; input: unknown; access?: AccessReason };
    result: { ticket: string; jobId: string };
  };
  /**
   * a one-time ticket to send one file for import (announced by name and exact size); the
   * transport then sends the bytes (`Transport.upload`), and the import names the upload
   * it got back (`source: { uploadId }`). Files are never named by path from a screen.
   */
  'upload.prepare': { params: { name: string; size: number }; result: { ticket: string } };
}
export type RequestName = keyof Requests;

export type RequestMessage = { [M in RequestName]: { id: number; method: M; params: Requests[M]['params'] } }[RequestName];

export type ResponseMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: TransportErrorData };

/** A refusal or failure as the screen sees it: the gate's own sentence and code. */
export interface TransportErrorData {
  kind: 'denied' | 'invalid' | 'not-found' | 'failed';
  code: string;
  message: string;
  /** for "invalid-input": each refused field of the input (its path, e.g. "username") with its own sentence */
  issues?: { path: string; message: string }[];
}

/** Operations that may run as a long job with progress and cancel. */
export type JobOperation = { [K in OperationName]: Operations[K] extends { job: true } ? K : never }[OperationName];

/** Operations answered in one reply (`app.call`): every one that does not run as a job. */
export type CallOperation = Exclude<OperationName, JobOperation>;

/** Operations whose result is written to a file or download. */
export type StreamingOperation = { [K in OperationName]: Operations[K] extends { streams: true } ? K : never }[OperationName];

export interface JobProgress {
  done: number;
  /** null when the size is not known in advance */
  total: number | null;
  /** what is counted: "entries", "rows", "bytes" */
  unit: string;
  /** for work that reads a file: how far through it, in bytes */
  bytes?: { done: number; total: number | null };
  /** units per second so far */
  ratePerSecond?: number;
  /** seconds left at the present rate, when the end is known */
  etaSeconds?: number | null;
  /** what the job is doing now, in a few words ("reading reads.csv", "clearing an interrupted import") */
  phase?: string;
}

/**
 * A long job reports on the event channel, in this order: started, any number of
 * progress, then exactly one of finished, failed or cancelled.
 */
export type JobEvent =
  | { type: 'job'; jobId: string; operation: JobOperation; state: 'started' }
  | { type: 'job'; jobId: string; operation: JobOperation; state: 'progress'; progress: JobProgress }
  | { type: 'job'; jobId: string; operation: JobOperation; state: 'finished'; result: unknown }
  | { type: 'job'; jobId: string; operation: JobOperation; state: 'failed'; error: TransportErrorData }
  | { type: 'job'; jobId: string; operation: JobOperation; state: 'cancelled' };

export type AppEvent = JobEvent;

/** Browser mode, GET /download/<ticket>: the header carrying the gate's summary (JSON) of what was written. */
export const DOWNLOAD_SUMMARY_HEADER = 'X-Custodian-Summary';
/** Browser mode: on a 204 answer to GET /download/<ticket>, why there is no content (JSON TransportErrorData: cancelled). */
export const DOWNLOAD_CANCELLED_HEADER = 'X-Custodian-Cancelled';

/** The result of a download: where it went (Electron names the file; a browser does not tell) and what the gate reported. */
export interface DownloadResult<K extends StreamingOperation = StreamingOperation> {
  savedTo: string | null;
  summary: OpOutput<K>;
}

/**
 * A file a screen sends for import, described by the few members every transport needs.
 * A DOM `File` has them (the contract stays free of DOM types): the browser transport
 * sends it as it is, the desktop transport reads it a slice at a time.
 */
export interface UploadFile {
  readonly name: string;
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A file received and staged (sealed) for import: name `uploadId` in `source` to preview or import it. */
export interface UploadedFile {
  uploadId: string;
  name: string;
  size: number;
  sha256: string;
}

/** Browser mode: PUT /upload/<ticket> carries the bytes of a prepared upload. */
export const UPLOAD_PATH = '/upload/';
/** The desktop app sends an upload in slices of this many bytes. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Largest upload accepted from a window or a browser (the command line reads files in place). */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

/**
 * The one interface every screen talks to. `ipc-transport` (Electron) and
 * `bridge-transport` (browser mode) implement it; no screen knows which it has.
 */
export interface Transport {
  request<M extends RequestName>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']>;
  /**
   * Run a prepared download (`download.prepare`) into a file the person chooses
   * (Electron's save dialog) or a browser download. Resolves null when the person
   * cancelled the save dialog.
   */
  saveDownload(ticket: string, suggestedName: string): Promise<DownloadResult | null>;
  /**
   * Send the bytes of a prepared upload (`upload.prepare`); `onProgress` hears how many
   * bytes have gone. Resolves with the staged upload once every byte has arrived.
   */
  upload(ticket: string, file: UploadFile, onProgress?: (sent: number, total: number) => void): Promise<UploadedFile>;
  /** subscribe to job events; returns the unsubscribe function */
  onEvent(listener: (event: AppEvent) => void): () => void;
}
