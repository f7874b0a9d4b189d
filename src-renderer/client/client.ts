import type { OpInput, OpOutput } from '../../src-main/contract/operations';
import type { AccessReason } from '../../src-main/contract/schemas';
import type {
  AppEvent,
  AppStatus,
  CallOperation,
  DownloadResult,
  JobOperation,
  JobProgress,
  Requests,
  StreamingOperation,
  Transport,
  UploadedFile,
  UploadFile,
  WorkingCase,
} from '../../src-main/contract/transport';
import { bridgeTransport } from './bridge-transport';
import { GateError, jobCancelled } from './gate-error';
import { ipcTransport } from './ipc-transport';

/** What a screen hears about a job it started. */
export interface JobHandlers {
  onProgress?(progress: JobProgress): void;
}

/** What a screen hears about a download: a job's progress, and once it has started, a way to cancel it. */
export interface DownloadHandlers extends JobHandlers {
  onStarted?(cancel: () => Promise<void>): void;
}

/** A running job: its result, or a GateError (code "cancelled" when cancelled). */
export interface RunningJob<K extends JobOperation> {
  readonly result: Promise<OpOutput<K>>;
  cancel(): Promise<void>;
}

/**
 * The screens' single way to the services, typed from the contract. It wraps whichever
 * Transport the page runs on; no screen knows which. Signed-in screens call operations
 * through `useGate` (app/gate.ts), which gives each the case and purpose the contract asks for.
 */
export class Client {
  constructor(private readonly transport: Transport) {}

  status(): Promise<AppStatus> {
    return this.transport.request('app.status', {});
  }

  setUp(params: Requests['app.setUp']['params']) {
    return this.transport.request('app.setUp', params);
  }

  signIn(username: string, password: string) {
    return this.transport.request('app.signIn', { username, password });
  }

  unlock(password: string) {
    return this.transport.request('app.unlock', { password });
  }

  recover(params: Requests['app.recover']['params']) {
    return this.transport.request('app.recover', params);
  }

  /** Keep the session's working case with the services (a reload of the page keeps it); null forgets it. */
  setWorkingCase(workingCase: WorkingCase | null) {
    return this.transport.request('app.setWorkingCase', { workingCase });
  }

  /**
   * One operation through the gate; `access` (case and purpose) is needed for ALPR data.
   * Operations declared `job` are not answered in one reply: they go through `startJob` or `download`.
   */
  async call<K extends CallOperation>(operation: K, input: OpInput<K>, access?: AccessReason): Promise<OpOutput<K>> {
    return (await this.transport.request('app.call', { operation, input, access })) as OpOutput<K>;
  }

  /**
   * Write a streaming operation's result into a file the person chooses (desktop) or a
   * download (browser). It runs as a job: `handlers.onProgress` hears its progress, and
   * `handlers.onStarted` gets a way to cancel it. Resolves null when the save dialog was
   * cancelled; a cancelled job rejects with a GateError coded "cancelled".
   */
  async download<K extends StreamingOperation>(
    operation: K,
    input: OpInput<K>,
    access: AccessReason | undefined,
    suggestedName: string,
    handlers: DownloadHandlers = {},
  ): Promise<DownloadResult<K> | null> {
    const { ticket, jobId } = await this.transport.request('download.prepare', { operation, input, access });
    const unsubscribe = this.transport.onEvent((event) => {
      if (event.type !== 'job' || event.jobId !== jobId) return;
      if (event.state === 'started') handlers.onStarted?.(() => this.cancelJob(jobId));
      if (event.state === 'progress') handlers.onProgress?.(event.progress);
    });
    try {
      return (await this.transport.saveDownload(ticket, suggestedName)) as DownloadResult<K> | null;
    } finally {
      unsubscribe();
    }
  }

  /**
   * Send a file for import: announce it (name, size), then send its bytes. It is sealed in
   * the workspace until imported, or discarded when this session ends. `onProgress` hears
   * the bytes sent so far.
   */
  async upload(file: UploadFile, onProgress?: (sent: number, total: number) => void): Promise<UploadedFile> {
    const { ticket } = await this.transport.request('upload.prepare', { name: file.name, size: file.size });
    return this.transport.upload(ticket, file, onProgress);
  }

  private async cancelJob(jobId: string): Promise<void> {
    await this.transport.request('job.cancel', { jobId });
  }

  /** Start a long job; progress arrives through `handlers`, the outcome through `result`. */
  async startJob<K extends JobOperation>(
    operation: K,
    input: OpInput<K>,
    access: AccessReason | undefined,
    handlers: JobHandlers = {},
  ): Promise<RunningJob<K>> {
    // Listen before starting: events may arrive before the reply that names the job.
    const early: AppEvent[] = [];
    let jobId: string | undefined;
    let settle: { resolve(v: OpOutput<K>): void; reject(e: unknown): void } | undefined;
    const result = new Promise<OpOutput<K>>((resolve, reject) => (settle = { resolve, reject }));
    const deliver = (event: AppEvent) => {
      if (event.type !== 'job' || event.jobId !== jobId) return;
      if (event.state === 'progress') handlers.onProgress?.(event.progress);
      else if (event.state === 'finished') settle!.resolve(event.result as OpOutput<K>);
      else if (event.state === 'failed') settle!.reject(new GateError(event.error));
      else if (event.state === 'cancelled') settle!.reject(jobCancelled());
      if (event.state === 'finished' || event.state === 'failed' || event.state === 'cancelled') unsubscribe();
    };
    const unsubscribe = this.transport.onEvent((event) => (jobId === undefined ? early.push(event) : deliver(event)));
    try {
      ({ jobId } = await this.transport.request('job.start', { operation, input, access }));
    } catch (error) {
      unsubscribe();
      throw error;
    }
    early.splice(0).forEach(deliver);
    return {
      result,
      cancel: () => this.cancelJob(jobId!),
    };
  }
}

/**
 * The transport for where this page runs: Electron's preload bridge, else the browser-mode
 * socket. `wrap` may watch or adapt it (the app uses it to notice a session that locked or ended).
 */
export function connect(wrap: (transport: Transport) => Transport = (t) => t): Client {
  return new Client(wrap(window.custodian ? ipcTransport(window.custodian) : bridgeTransport()));
}
