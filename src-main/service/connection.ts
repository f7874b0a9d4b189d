import crypto from 'node:crypto';
import { isOperationName, operations, type OperationName } from '../contract/operations';
import { accessReasonSchema, type AccessReason, type Me } from '../contract/schemas';
import {
  MAX_UPLOAD_BYTES,
  type AppEvent,
  type AppStatus,
  type JobOperation,
  type ResponseMessage,
  type TransportErrorData,
  type UploadedFile,
  type WorkingCase,
} from '../contract/transport';
import { asSentence, CustodianError, denied, failed, invalid, notFound } from '../core/errors';
import type { Sink } from '../core/gate/context';
import { describeZodError, fieldIssues } from '../core/gate/dispatcher';
import type { UploadWriter } from '../core/intake/staging';
import type { AppService } from './app-service';
import { parseRequest, requestIdOf, type ParsedRequest } from './messages';

interface PreparedDownload {
  operation: OperationName;
  input: unknown;
  access?: AccessReason;
  /** when it was prepared (workspace clock, ms) */
  preparedAt: number;
  /** the job id its events carry, named when it was prepared */
  jobId: string;
}

/** A ticket not used within this time (a save dialog left open, then cancelled) is forgotten. */
export const DOWNLOAD_TICKET_MS = 10 * 60_000;

interface PreparedUpload {
  name: string;
  size: number;
  preparedAt: number;
}

/** An upload ticket not used within this time is forgotten (the same as a download's). */
export const UPLOAD_TICKET_MS = DOWNLOAD_TICKET_MS;

/** Receiving one prepared upload: the bytes in order, then `finish`; `abort` drops what came. */
export interface UploadReceiver {
  write(chunk: Buffer): Promise<void>;
  finish(): Promise<UploadedFile>;
  abort(): void;
}

/** Operations whose input may name a file (`source`): a window or browser may only name an upload. */
const PATH_REFUSED =
  'A window or browser sends the file itself: add it on the Imports page. Naming a file by its path is for the command line only.';

/**
 * A signed-in session as a connection holds it, handed from a page that went away to the next
 * page of the same browser (a reload: see `AppService.disconnect`).
 */
export interface HeldSession {
  token: string;
  me: Me;
  warnings: string[];
  workingCase: WorkingCase | null;
}

/**
 * One window or one browser socket. It holds that connection's session token, so the
 * page never sees it, and ends the session (through the gate, logged) when the
 * connection closes, or hands it on (`detach`). Every request is checked by
 * `parseRequest` before it acts.
 */
export class Connection {
  private token: string | undefined;
  private me: Me | undefined;
  /** what the person was warned of at sign-in (the access log against its outside checkpoint), kept for the session */
  private warnings: string[] = [];
  /** the case and purpose in use, kept here rather than in the page so a reload keeps it */
  private workingCase: WorkingCase | null = null;
  /** running jobs: how to stop each, and when it has ended (its outcome logged and sent) */
  private readonly jobs = new Map<string, { controller: AbortController; ended: Promise<void> }>();
  private readonly downloads = new Map<string, PreparedDownload>();
  private readonly uploadTickets = new Map<string, PreparedUpload>();
  /** uploads arriving now; aborted if the connection closes before they finish */
  private readonly receiving = new Set<UploadWriter>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly service: AppService,
    private readonly emit: (event: AppEvent) => void,
    /** who may take this connection's session up when it goes away (a browser session's cookie), if anyone */
    readonly holder?: string,
    /** a session handed on from the page before (a reload), if any */
    taken?: HeldSession,
  ) {
    if (taken) this.hold(taken);
  }

  /** Answer one message. Never throws: every failure becomes an error reply. */
  async handle(raw: unknown): Promise<ResponseMessage> {
    const id = requestIdOf(raw);
    const request = parseRequest(raw);
    if (!request) return { id, ok: false, error: { kind: 'invalid', code: 'bad-request', message: 'That request is not understood.' } };
    try {
      if (this.closed) throw failed('connection-closed', 'This connection has closed.');
      return { id, ok: true, result: await this.answer(request) };
    } catch (error) {
      return { id, ok: false, error: toErrorData(error) };
    }
  }

  /**
   * Run a prepared streaming operation into `sink`, as a job under the id named when it
   * was prepared (progress events, cancel), and resolve with the gate's summary. The
   * ticket works once.
   */
  async runDownload(ticket: string, sink: Sink): Promise<unknown> {
    const prepared = this.ticket(ticket);
    this.downloads.delete(ticket);
    if (!prepared) throw notFound('no-such-download', 'That download has already been used or never existed.');
    return this.runJob(prepared.jobId, prepared.operation as JobOperation, prepared.input, prepared.access, sink);
  }

  /** What a ticket was prepared for, without using it up; undefined when there is no such ticket. */
  preparedDownload(ticket: string): { operation: OperationName; input: unknown } | undefined {
    const prepared = this.ticket(ticket);
    return prepared && { operation: prepared.operation, input: prepared.input };
  }

  /** What the upload `ticket` was prepared for, if it was prepared on this connection and is not yet used or expired. */
  preparedUpload(ticket: string): { name: string; size: number } | undefined {
    const prepared = this.uploadTicket(ticket);
    return prepared && { name: prepared.name, size: prepared.size };
  }

  /**
   * Start receiving the upload `ticket` was prepared for (the ticket is spent). The bytes
   * are sealed into the workspace's staging folder as they arrive (core/intake/staging.ts),
   * owned by this connection's session; `finish` checks that exactly the announced size came.
   * Closing the connection aborts it.
   */
  openUpload(ticket: string): UploadReceiver {
    const prepared = this.uploadTicket(ticket);
    this.uploadTickets.delete(ticket);
    if (!prepared) throw notFound('no-such-upload', 'That upload has already been sent or never existed. Add the file again.');
    if (this.closed) throw failed('connection-closed', 'This connection has closed.');
    const token = this.requireActiveSession();
    const workspace = this.service.requireWorkspace();
    const writer = workspace.uploads.begin(token, prepared.name, prepared.size);
    this.receiving.add(writer);
    const done = () => this.receiving.delete(writer);
    return {
      write: async (chunk) => {
        try {
          await writer.write(chunk);
        } catch (error) {
          done();
          throw error;
        }
      },
      finish: async () => {
        try {
          const upload = await writer.finish();
          // The window or socket went away while the last bytes were being written.
          if (this.closed || this.token !== token) {
            workspace.uploads.discard(upload.id);
            throw failed('connection-closed', 'This connection has closed; the file was not kept.');
          }
          return { uploadId: upload.id, name: upload.name, size: upload.size, sha256: upload.sha256 };
        } finally {
          done();
        }
      },
      abort: () => {
        done();
        writer.abort();
      },
    };
  }

  private uploadTicket(ticket: string): PreparedUpload | undefined {
    const now = this.service.requireWorkspace().now().getTime();
    for (const [key, prepared] of this.uploadTickets) if (now - prepared.preparedAt > UPLOAD_TICKET_MS) this.uploadTickets.delete(key);
    return this.uploadTickets.get(ticket);
  }

  /** The prepared download, unless it is unknown or has expired (expired tickets are dropped). */
  private ticket(ticket: string): PreparedDownload | undefined {
    const now = this.service.requireWorkspace().now().getTime();
    for (const [key, prepared] of this.downloads) if (now - prepared.preparedAt > DOWNLOAD_TICKET_MS) this.downloads.delete(key);
    return this.downloads.get(ticket);
  }

  /**
   * The window or socket went away: stop its jobs and end its session (through the gate,
   * logged). A running job stops at its next step and logs how it ended, which needs the
   * session and the store, so the sign-out waits for it. With no job running, everything
   * is done before this returns. Resolves once the session has ended.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const running = this.stop();
    if (running) this.closing = running.then(() => this.signOut());
    else {
      this.signOut();
      this.closing = Promise.resolve();
    }
    return this.closing;
  }

  /**
   * The page went away, and the next page of the same browser may take its session up (a
   * reload). Everything `close` stops is stopped (tickets, uploads arriving, jobs, which log how
   * they ended), the files the page sent go once its jobs have ended (the next page does not know
   * them), and the session, still signed in, is handed over instead of ended. Without a session
   * this is `close`. `ended` resolves once the jobs have ended.
   */
  detach(): { held: HeldSession | null; ended: Promise<void> } {
    if (this.closing) return { held: null, ended: this.closing };
    const workspace = this.service.workspace;
    const token = this.token;
    if (!token || !this.me || !workspace || workspace.sessionState(token).state === 'signed-out')
      return { held: null, ended: this.close() };
    const held: HeldSession = { token, me: this.me, warnings: this.warnings, workingCase: this.workingCase };
    const sent = workspace.uploads.ownedBy(token);
    this.token = undefined;
    this.me = undefined;
    this.workingCase = null;
    const running = this.stop();
    const discard = () => {
      for (const id of sent) workspace.uploads.discard(id);
    };
    this.closing = running ? running.then(discard) : Promise.resolve(discard());
    return { held, ended: this.closing };
  }

  /** Stop what this connection started: tickets, uploads arriving, jobs. Resolves once the jobs have ended; null when none ran. */
  private stop(): Promise<void> | null {
    this.closed = true;
    this.downloads.clear();
    this.uploadTickets.clear();
    for (const writer of [...this.receiving]) writer.abort();
    this.receiving.clear();
    const running = [...this.jobs.values()];
    for (const job of running) job.controller.abort();
    return running.length === 0 ? null : Promise.allSettled(running.map((job) => job.ended)).then(() => undefined);
  }

  private hold(session: HeldSession): void {
    this.token = session.token;
    this.me = session.me;
    this.warnings = session.warnings;
    this.workingCase = session.workingCase;
  }

  private async answer(request: ParsedRequest): Promise<unknown> {
    switch (request.method) {
      case 'app.status':
        return this.status();
      case 'app.setUp':
        return this.service.setUp(request.params);
      case 'app.signIn': {
        this.signOut();
        const { token, me, warnings } = this.service.requireWorkspace().signIn(request.params.username, request.params.password);
        this.hold({ token, me, warnings, workingCase: null });
        return { me, warnings };
      }
      case 'app.unlock': {
        this.me = this.service.requireWorkspace().unlock(this.requireToken(), request.params.password);
        return { me: this.me };
      }
      case 'app.setWorkingCase':
        this.requireActiveSession();
        this.workingCase = request.params.workingCase && {
          access: checkedAccess(request.params.workingCase.access),
          confirmedOn: [...new Set(request.params.workingCase.confirmedOn)],
        };
        return { workingCase: this.workingCase };
      case 'app.recover':
        return this.service.requireWorkspace().recover(request.params.recoveryCode, request.params.username, request.params.newPassword);
      case 'app.call': {
        const { operation, input, access } = request.params;
        refuseLocalPath(input);
        // A job answered in one reply would run to its end inside one transaction, with no
        // progress and no way to cancel it: a window starts it as a job.
        if (isOperationName(operation) && (operations[operation] as { job?: true }).job)
          throw invalid('runs-as-job', `"${operation}" runs as a job with progress: start it with job.start.`);
        const result = this.service.requireWorkspace().call(this.requireToken(), operation as OperationName, input as never, access);
        this.afterCall(operation, result);
        return result;
      }
      case 'job.start':
        refuseLocalPath(request.params.input);
        return { jobId: this.startJob(request.params.operation, request.params.input, request.params.access) };
      case 'job.cancel': {
        const job = this.jobs.get(request.params.jobId);
        job?.controller.abort();
        return { cancelled: job !== undefined };
      }
      case 'download.prepare': {
        const { operation, input, access } = request.params;
        // Every operation that writes a file runs as a job, so a long export keeps the app answering.
        const spec = isOperationName(operation) ? (operations[operation] as { streams?: true; job?: true }) : undefined;
        if (!spec?.streams || !spec.job) throw invalid('not-a-download', `"${operation}" does not write a file.`);
        refuseLocalPath(input);
        this.requireToken();
        const ticket = crypto.randomBytes(24).toString('base64url');
        const jobId = crypto.randomUUID();
        const preparedAt = this.service.requireWorkspace().now().getTime();
        this.downloads.set(ticket, { operation: operation as OperationName, input, access, preparedAt, jobId });
        return { ticket, jobId };
      }
      case 'upload.prepare': {
        this.requireActiveSession();
        const { name, size } = request.params;
        const fileName = name.replace(/\\/g, '/').split('/').pop()?.trim() ?? '';
        if (!fileName) throw invalid('upload-name', 'The file has no name.', [{ path: 'name', message: 'The file has no name.' }]);
        if (size > MAX_UPLOAD_BYTES) {
          const message = `${fileName} is too large to send for import: the limit is ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB a file.`;
          throw invalid('upload-size', message, [{ path: 'size', message }]);
        }
        const ticket = crypto.randomBytes(24).toString('base64url');
        this.uploadTickets.set(ticket, { name: fileName, size, preparedAt: this.service.requireWorkspace().now().getTime() });
        return { ticket };
      }
    }
  }

  /** The session token, if the session is active (not idle-locked, not ended): uploads do not pass the gate, so this checks here. */
  private requireActiveSession(): string {
    const token = this.requireToken();
    const state = this.service.requireWorkspace().sessionState(token).state;
    if (state === 'locked') throw denied('session-locked', 'Your session is locked. Enter your password to unlock it.');
    if (state !== 'active') throw denied('not-signed-in', 'You are not signed in, or your session has ended. Sign in again.');
    return token;
  }

  private status(): AppStatus {
    const workspace = this.service.workspace;
    const base = { version: this.service.version, mode: this.service.mode, workspace: this.service.describeWorkspace() };
    const session = this.token && workspace ? workspace.sessionState(this.token) : undefined;
    if (!session || session.state === 'signed-out' || !this.me) {
      if (this.token) workspace?.uploads.discardOwner(this.token);
      this.forget();
      return { ...base, session: { state: 'signed-out' } };
    }
    // A changed idle limit applies at once; the rest of `me` is as of sign-in, unlock or whoami.
    if (session.idleMinutes !== null) this.me = { ...this.me, idleMinutes: session.idleMinutes };
    return { ...base, session: { state: session.state, me: this.me, warnings: this.warnings, workingCase: this.workingCase } };
  }

  /** Keep what the status reports in step with what the person just did. */
  private afterCall(operation: string, result: unknown): void {
    if (operation === 'session.whoami') this.me = result as Me;
    if (operation === 'session.signOut') {
      if (this.token) this.service.workspace?.uploads.discardOwner(this.token);
      this.forget();
    }
  }

  private startJob(operation: string, input: unknown, access: AccessReason | undefined): string {
    if (!isOperationName(operation) || !(operations[operation] as { job?: true }).job) {
      throw invalid('not-a-job', `"${operation}" does not run as a job.`);
    }
    const jobId = crypto.randomUUID();
    // The outcome reaches the screen as an event; nobody awaits it here.
    this.runJob(jobId, operation as JobOperation, input, access).catch(() => undefined);
    return jobId;
  }

  /**
   * Run a job under `jobId`: its events go out on the event channel, `job.cancel` and
   * closing the connection reach it, and the promise gives its result or its error.
   */
  private runJob(jobId: string, name: JobOperation, input: unknown, access: AccessReason | undefined, sink?: Sink): Promise<unknown> {
    const token = this.requireToken();
    const controller = new AbortController();
    const workspace = this.service.requireWorkspace();
    this.send({ type: 'job', jobId, operation: name, state: 'started' });
    // The work starts on a later turn, so the reply naming the job goes out first.
    const outcome = new Promise((resolve) => setImmediate(resolve)).then(() =>
      workspace.startJob(
        token,
        name,
        input,
        access,
        {
          signal: controller.signal,
          onProgress: (progress) => this.send({ type: 'job', jobId, operation: name, state: 'progress', progress }),
        },
        sink,
      ),
    );
    const ended = outcome
      .then(
        (result) => this.send({ type: 'job', jobId, operation: name, state: 'finished', result }),
        (error: unknown) =>
          this.send(
            error instanceof CustodianError && error.code === 'cancelled'
              ? { type: 'job', jobId, operation: name, state: 'cancelled' }
              : { type: 'job', jobId, operation: name, state: 'failed', error: toErrorData(error) },
          ),
      )
      .finally(() => this.jobs.delete(jobId));
    this.jobs.set(jobId, { controller, ended });
    return outcome;
  }

  /** Hand an event to the window or socket; one that has gone away must not stop the job. */
  private send(event: AppEvent): void {
    try {
      this.emit(event);
    } catch (error) {
      console.error('Custodian: an event could not be delivered:', error);
    }
  }

  private requireToken(): string {
    if (!this.token) throw denied('not-signed-in', 'You are not signed in. Sign in first.');
    return this.token;
  }

  private signOut(): void {
    const token = this.token;
    this.forget();
    if (token) endSession(this.service, token);
  }

  /** Nobody is signed in here any more. */
  private forget(): void {
    this.token = undefined;
    this.me = undefined;
    this.warnings = [];
    this.workingCase = null;
  }
}

/**
 * End the session `token` through the gate (logged), unless it has ended already, and discard
 * the files it sent and did not import: a connection closing, or a session handed on that
 * no page took up in time.
 */
export function endSession(service: AppService, token: string): void {
  const workspace = service.workspace;
  if (!workspace) return;
  workspace.uploads.discardOwner(token);
  if (workspace.sessionState(token).state === 'signed-out') return;
  try {
    workspace.call(token, 'session.signOut', {});
  } catch (error) {
    console.error('Custodian: signing out a closed connection failed:', error);
  }
}

/** A working case as the gate will take it: given, trimmed, each on one line (refused with the contract's sentences otherwise). */
function checkedAccess(access: { caseNumber: string; purpose: string }): AccessReason {
  const parsed = accessReasonSchema.safeParse(access);
  if (!parsed.success) throw invalid('invalid-input', describeZodError(parsed.error), fieldIssues(parsed.error));
  return parsed.data;
}

/**
 * Refuse an operation input that names a file on this computer (`source: { path }`): only
 * the command line may do that. A window or a browser page could otherwise make the service
 * read any file the app's account can read.
 */
function refuseLocalPath(input: unknown): void {
  const source = (input as { source?: unknown } | null | undefined)?.source;
  if (source !== null && typeof source === 'object' && 'path' in source) {
    throw invalid('path-not-allowed', PATH_REFUSED, [{ path: 'source', message: PATH_REFUSED }]);
  }
}

/** A thrown error as the screen sees it: a CustodianError's own kind, code and sentence, anything else as "internal". */
export function toErrorData(error: unknown): TransportErrorData {
  if (error instanceof CustodianError) {
    return { kind: error.kind, code: error.code, message: error.message, ...(error.issues.length ? { issues: [...error.issues] } : {}) };
  }
  console.error('Custodian: unexpected failure:', error);
  return { kind: 'failed', code: 'internal', message: `Something went wrong: ${asSentence((error as Error)?.message ?? String(error))}` };
}
