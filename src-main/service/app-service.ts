import fs from 'node:fs';
import path from 'node:path';
import type { AppEvent, AppStatus } from '../contract/transport';
import { failed } from '../core/errors';
import { workspaceFiles } from '../core/store/paths';
import { ProgramSchedule } from '../core/gate/schedule';
import { Workspace, type WorkspaceOptions } from '../core/workspace';
import { Connection, endSession, type HeldSession } from './connection';

/**
 * How long a session whose page went away waits for the next page of the same browser (a
 * reload) before it is signed out: long enough for a reload, short enough that a closed tab
 * is signed out soon after.
 */
export const REATTACH_GRACE_MS = 30_000;

export interface AppServiceOptions extends WorkspaceOptions {
  /** the workspace folder; it may not exist yet (first run) */
  dir: string;
  mode: AppStatus['mode'];
  version: string;
  /** how long a held session waits for its browser's next page (default REATTACH_GRACE_MS) */
  reattachGraceMs?: number;
  /**
   * whether the daily purge runs (default: it does, as Policy 427.5 requires); tests of other
   * features turn it off so that their fixed-date sample reads stay
   */
  scheduledPurge?: boolean;
}

/** A session handed on by a page that went away, waiting for the next page of the same browser. */
interface WaitingSession {
  held: HeldSession;
  timer: NodeJS.Timeout;
}

/**
 * The services one running app offers its windows or browser sockets: one workspace
 * (opened if it exists, created by first-run set-up otherwise) and a `Connection` per
 * window or socket. Electron-free: the desktop app and `custodian serve` both use it.
 */
export class AppService {
  readonly mode: AppStatus['mode'];
  readonly version: string;
  private current: Workspace | undefined;
  private readonly connections = new Set<Connection>();
  /** by holder (a browser session's cookie), oldest first */
  private readonly waiting = new Map<string, WaitingSession[]>();
  /** the jobs of pages that handed their session on, until they have ended */
  private readonly ending = new Set<Promise<void>>();

  /** the work Custodian does on its own in the open workspace, while the app runs (the daily purge) */
  private readonly schedule: ProgramSchedule | undefined;
  private readonly workspaceOptions: WorkspaceOptions;

  constructor(private readonly options: AppServiceOptions) {
    this.mode = options.mode;
    this.version = options.version;
    // once a sign-in has opened the store and returned, the purge starts if it is due
    this.workspaceOptions = { ...options, onStoreOpened: () => setImmediate(() => this.schedule?.startIfDue()) };
    this.schedule =
      options.scheduledPurge === false
        ? undefined
        : new ProgramSchedule({
            isOpen: () => this.current?.isOpen() ?? false,
            now: () => this.current?.now() ?? new Date(),
            startProgramJob: (operation, input, control) => this.requireWorkspace().startProgramJob(operation, input, control),
          });
    if (fs.existsSync(workspaceFiles(path.resolve(options.dir)).manifest))
      this.current = Workspace.open(options.dir, this.workspaceOptions);
  }

  get workspace(): Workspace | undefined {
    return this.current;
  }

  requireWorkspace(): Workspace {
    if (!this.current) throw failed('no-workspace', 'There is no workspace yet. Set one up first.');
    return this.current;
  }

  describeWorkspace(): AppStatus['workspace'] {
    return { dir: path.resolve(this.options.dir), exists: this.current !== undefined, workspaceId: this.current?.workspaceId ?? null };
  }

  /** First run: create the workspace and its commander. Refused once a workspace exists. */
  setUp(setup: { commander: string; fullName: string; password: string }): { workspaceId: string; recoveryCode: string } {
    if (this.current) throw failed('already-a-workspace', 'This workstation already has a workspace; sign in instead.');
    const created = Workspace.init(this.options.dir, setup, this.options);
    this.current = Workspace.open(this.options.dir, this.workspaceOptions);
    return created;
  }

  /**
   * A new window or socket. `holder` names who it belongs to (in browser mode, the browser
   * session its cookie proves); a session that a page of the same holder left within the grace
   * period (a reload) is taken up at once, the newest first, and signed in as it was: idle-locked
   * if it had locked. Without a holder, or with none waiting, it starts signed out.
   */
  connect(emit: (event: AppEvent) => void, holder?: string): Connection {
    const connection = new Connection(this, emit, holder, holder === undefined ? undefined : this.takeWaiting(holder));
    this.connections.add(connection);
    return connection;
  }

  /**
   * The window or socket went away. One with a holder hands its signed-in session on to wait
   * `reattachGraceMs` for that holder's next page, then it is signed out (logged, as a close is);
   * any other, or any `forGood` (the server stopping), is closed, which signs its person out.
   * Resolves once its jobs have ended and, when closed, its session is over (see
   * `Connection.close` and `Connection.detach`).
   */
  disconnect(connection: Connection, { forGood = false } = {}): Promise<void> {
    this.connections.delete(connection);
    const grace = this.options.reattachGraceMs ?? REATTACH_GRACE_MS;
    if (connection.holder === undefined || grace <= 0 || forGood) return connection.close();
    const { held, ended } = connection.detach();
    if (held) this.wait(connection.holder, held, grace);
    // Quitting waits for the jobs the page left to log how they ended.
    this.ending.add(ended);
    void ended.finally(() => this.ending.delete(ended));
    return ended;
  }

  /** How many signed-in sessions are waiting for their browser's next page (for tests and diagnostics). */
  waitingSessions(): number {
    return [...this.waiting.values()].reduce((count, list) => count + list.length, 0);
  }

  private wait(holder: string, held: HeldSession, grace: number): void {
    const entry: WaitingSession = {
      held,
      timer: setTimeout(() => {
        const list = this.waiting.get(holder) ?? [];
        this.forgetWaiting(holder, list.indexOf(entry));
        endSession(this, held.token);
      }, grace),
    };
    // A waiting session does not keep the process alive; quitting signs it out (close).
    entry.timer.unref();
    this.waiting.set(holder, [...(this.waiting.get(holder) ?? []), entry]);
  }

  private takeWaiting(holder: string): HeldSession | undefined {
    const list = this.waiting.get(holder);
    if (!list?.length) return undefined;
    const newest = list.at(-1)!;
    clearTimeout(newest.timer);
    this.forgetWaiting(holder, list.length - 1);
    return newest.held;
  }

  private forgetWaiting(holder: string, at: number): void {
    const list = this.waiting.get(holder) ?? [];
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.waiting.delete(holder);
  }

  /**
   * Quit: every connection stops its jobs and signs out (logged), every session waiting for a
   * reload is signed out, then the store closes. Await it: a running job first logs how it
   * ended, at its next step.
   */
  async close(): Promise<void> {
    // a scheduled purge stops at its next step and logs so; the next start finishes it
    await this.schedule?.stop();
    const closing = [...this.connections].map((connection) => connection.close());
    this.connections.clear();
    const waiting = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const { timer } of waiting) clearTimeout(timer);
    await Promise.all([...closing, ...this.ending]);
    for (const { held } of waiting) endSession(this, held.token);
    this.current?.close();
  }
}
