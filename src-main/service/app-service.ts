import fs from 'node:fs';
import path from 'node:path';
import type { AppEvent, AppStatus } from '../contract/transport';
import { failed } from '../core/errors';
import { workspaceFiles } from '../core/store/paths';
import { Workspace, type WorkspaceOptions } from '../core/workspace';
import { Connection } from './connection';

export interface AppServiceOptions extends WorkspaceOptions {
  /** the workspace folder; it may not exist yet (first run) */
  dir: string;
  mode: AppStatus['mode'];
  version: string;
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

  constructor(private readonly options: AppServiceOptions) {
    this.mode = options.mode;
    this.version = options.version;
    if (fs.existsSync(workspaceFiles(path.resolve(options.dir)).manifest)) this.current = Workspace.open(options.dir, options);
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
    this.current = Workspace.open(this.options.dir, this.options);
    return created;
  }

  connect(emit: (event: AppEvent) => void): Connection {
    const connection = new Connection(this, emit);
    this.connections.add(connection);
    return connection;
  }

  /** The window or socket went away. Resolves once its jobs have ended and its session is over (see `Connection.close`). */
  disconnect(connection: Connection): Promise<void> {
    this.connections.delete(connection);
    return connection.close();
  }

  /**
   * Quit: every connection stops its jobs and signs out (logged), then the store closes.
   * Await it: a running job first logs how it ended, at its next step.
   */
  close(): Promise<void> {
    const closing = [...this.connections].map((connection) => connection.close());
    this.connections.clear();
    return Promise.all(closing).then(() => this.current?.close());
  }
}
