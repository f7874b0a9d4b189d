import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessReason, Me } from '../contract/schemas';
import { fullNameSchema, usernameSchema } from '../contract/schemas';
import { isOperationName, operations, type OperationName, type OpInput, type OpOutput } from '../contract/operations';
import { insertAccount } from './auth/accounts';
import { assertAcceptablePassword } from './auth/passwords';
import { newRecoveryCode } from './auth/recovery-code';
import { SessionTable } from './auth/sessions';
import { SignInDesk } from './auth/sign-in';
import { appendAuditEntry } from './audit/chain';
import { auditEntry } from './audit/entry';
import { OutsideCheckpointKeeper } from './audit/outside-checkpoints';
import { createSigningKey } from './audit/signing';
import { systemClock, type Clock } from './clock';
import { failed, invalid } from './errors';
import type { GateHost, KeyOperations, Sink } from './gate/context';
import { describeZodError, dispatch, dispatchJob, dispatchProgramJob, fieldIssues, type JobControl } from './gate/dispatcher';
import { storeOpenedHooks } from './gate/handlers';
import { UploadStore } from './intake/staging';
import { readSettings } from './settings/settings';
import { MASTER_KEY_BYTES, openEncrypted, type Db } from './store/database';
import { createSlot, emptyKeyring, saveKeyring, withAccountSlot, withoutAccountSlot, withRecoverySlot } from './store/keyring';
import { readManifest, writeManifest } from './store/manifest';
import { migrate } from './store/migrations';
import { workspaceFiles, type WorkspaceFiles } from './store/paths';
import { WorkspaceStore } from './store/workspace-store';

export interface WorkspaceOptions {
  clock?: Clock;
  /** recorded on every access-log entry; the computer's name by default */
  workstation?: string;
  /** told each time the store has opened (a sign-in opened it) and its features' opening work is done */
  onStoreOpened?: () => void;
}

function parseOrInvalid<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid('invalid-input', describeZodError(r.error), fieldIssues(r.error));
  return r.data;
}

/**
 * One workspace folder: its encrypted store with its keyring (store/workspace-store.ts, open
 * only while someone is signed in or a job runs), its sign-ins (auth/sign-in.ts) and its
 * sessions. Everything a person does once signed in goes through the gate (`call`, `startJob`).
 */
export class Workspace implements GateHost {
  readonly sessions = new SessionTable();
  readonly workstation: string;
  private readonly clock: Clock;
  private readonly store: WorkspaceStore;
  private readonly desk: SignInDesk;
  /** files sent for import from a window or browser, until imported or discarded */
  readonly uploads: UploadStore;
  /** jobs admitted and not yet ended (see releaseStore) */
  private runningJobs = 0;
  private readonly checkpoints: OutsideCheckpointKeeper;

  private constructor(
    readonly files: WorkspaceFiles,
    readonly workspaceId: string,
    options: WorkspaceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.workstation = options.workstation ?? os.hostname();
    this.uploads = new UploadStore(files.incoming);
    this.store = new WorkspaceStore(files, workspaceId, (db) => {
      this.runStoreOpenedHooks(db);
      options.onStoreOpened?.();
    });
    this.desk = new SignInDesk({
      files,
      workspaceId,
      workstation: this.workstation,
      clock: this.clock,
      store: this.store,
      sessions: this.sessions,
      releaseStore: () => this.releaseStore(),
    });
    this.checkpoints = new OutsideCheckpointKeeper(workspaceId, (db, event) =>
      db.transaction(() =>
        appendAuditEntry(db, workspaceId, auditEntry({ at: this.now(), actor: null, ...event, workstation: this.workstation })),
      )(),
    );
  }

  /** Create a workspace in an empty (or new) folder. Returns the recovery code, shown once. */
  static init(
    dir: string,
    setup: { commander: string; fullName: string; password: string },
    options: WorkspaceOptions = {},
  ): { workspaceId: string; recoveryCode: string } {
    const files = workspaceFiles(path.resolve(dir));
    const username = parseOrInvalid(usernameSchema, setup.commander);
    const fullName = parseOrInvalid(fullNameSchema, setup.fullName);
    assertAcceptablePassword(setup.password, username);
    if (fs.existsSync(files.manifest))
      throw failed('already-a-workspace', `${files.dir} is already a Custodian workspace; nothing was changed.`);
    if (fs.existsSync(files.dir) && fs.readdirSync(files.dir).length > 0) {
      throw failed('folder-not-empty', `${files.dir} is not empty. Choose a new or empty folder for the workspace.`);
    }
    const existed = fs.existsSync(files.dir);
    fs.mkdirSync(files.images, { recursive: true, mode: 0o700 });
    try {
      return Workspace.createContents(files, username, fullName, setup.password, options);
    } catch (error) {
      // Leave the folder as it was found: empty, or not there at all.
      for (const entry of fs.readdirSync(files.dir)) fs.rmSync(path.join(files.dir, entry), { recursive: true, force: true });
      if (!existed) fs.rmdirSync(files.dir);
      throw error;
    }
  }

  private static createContents(
    files: WorkspaceFiles,
    username: string,
    fullName: string,
    password: string,
    options: WorkspaceOptions,
  ): { workspaceId: string; recoveryCode: string } {
    const now = (options.clock ?? systemClock).now();
    const workspaceId = crypto.randomUUID();
    const masterKey = crypto.randomBytes(MASTER_KEY_BYTES);
    const db = openEncrypted(files.database, masterKey, { create: true });
    try {
      migrate(db);
      db.transaction(() => {
        db.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', ?)").run(workspaceId);
        createSigningKey(db);
        const accountId = insertAccount(db, {
          username,
          fullName,
          roles: ['commander'],
          confidentialAuthorized: false,
          createdBy: null,
          now: now.toISOString(),
        });
        appendAuditEntry(
          db,
          workspaceId,
          auditEntry({
            at: now,
            actor: { accountId, username, fullName },
            role: 'commander',
            operation: 'workspace.init',
            objects: { workspaceId, commander: username },
            outcome: 'ok',
            workstation: options.workstation ?? os.hostname(),
          }),
        );
      })();
    } finally {
      db.close();
    }
    const recoveryCode = newRecoveryCode();
    let keyring = emptyKeyring(workspaceId);
    keyring = withAccountSlot(keyring, createSlot(workspaceId, 'account', username, password, masterKey, now));
    keyring = withRecoverySlot(keyring, createSlot(workspaceId, 'recovery', null, recoveryCode, masterKey, now));
    saveKeyring(files.keyring, keyring);
    masterKey.fill(0);
    // Written last: a folder without it is not a workspace.
    writeManifest(files, { format: 'custodian-workspace', version: 1, workspaceId, createdAt: now.toISOString() });
    return { workspaceId, recoveryCode };
  }

  static open(dir: string, options: WorkspaceOptions = {}): Workspace {
    const files = workspaceFiles(path.resolve(dir));
    const manifest = readManifest(files);
    const workspace = new Workspace(files, manifest.workspaceId, options);
    workspace.store.readKeyring();
    return workspace;
  }

  now(): Date {
    return this.clock.now();
  }

  database(): Db | undefined {
    return this.store.db;
  }

  /**
   * Every operation goes through the gate. `sink` receives the result of an operation
   * that streams (an export). The store closes when the last session ends.
   */
  call<K extends OperationName>(token: string, operation: K, input: OpInput<K>, access?: Partial<AccessReason>, sink?: Sink): OpOutput<K> {
    try {
      const result = dispatch(this, token, operation, input, access, sink) as OpOutput<K>;
      this.afterCall(operation);
      return result;
    } finally {
      this.releaseStore();
    }
  }

  /**
   * Run an operation declared `job` step by step, through the gate (`dispatchJob`), so
   * the process keeps answering other calls and `control.signal` can stop it.
   */
  async startJob(
    token: string,
    operation: string,
    input: unknown,
    access: Partial<AccessReason> | undefined,
    control: JobControl,
    sink?: Sink,
  ) {
    return this.trackJob(operation, () => dispatchJob(this, token, operation, input, access, control, sink));
  }

  /** Run a job Custodian runs on its own (`runsOnSchedule`: the daily purge) in the open store, through the gate. */
  startProgramJob(operation: OperationName, input: unknown, control: JobControl): Promise<unknown> {
    return this.trackJob(operation, () => dispatchProgramJob(this, operation, input, control));
  }

  /** Whether the store is open: someone's sign-in opened it, and it closes after the last sign-out and job. */
  isOpen(): boolean {
    return this.store.db !== undefined;
  }

  /** A job keeps the store open until it has ended (see releaseStore). */
  private async trackJob(operation: string, run: () => Promise<unknown>): Promise<unknown> {
    this.runningJobs++;
    try {
      const result = await run();
      this.afterCall(operation);
      return result;
    } finally {
      this.runningJobs--;
      this.releaseStore();
    }
  }

  /**
   * Whether a session is active, idle-locked or gone, without counting as activity: the
   * app asks this to show the lock screen on time. It reads no records, so it is not logged.
   */
  sessionState(token: string): { state: 'active' | 'locked' | 'signed-out'; idleMinutes: number | null } {
    const db = this.store.db;
    if (!db) return { state: 'signed-out', idleMinutes: null };
    const { idleMinutes } = readSettings(db);
    const found = this.sessions.state(token, this.now(), idleMinutes);
    return { state: found.state === 'unknown' ? 'signed-out' : found.state, idleMinutes };
  }

  /**
   * Sign in; `warnings` are what the person must see at once (the access log behind a
   * checkpoint kept outside the database, the checkpoint folder out of reach).
   */
  signIn(username: string, password: string): { token: string; me: Me; warnings: string[] } {
    const signedIn = this.desk.signIn(username, password);
    const db = this.store.db!;
    const warnings = this.checkpoints.atSignIn(db, readSettings(db).checkpointFolder, this.now());
    return { ...signedIn, warnings };
  }

  /** Unlock an idle-locked session with the person's password. */
  unlock(token: string, password: string): Me {
    return this.desk.unlock(token, password);
  }

  /**
   * Restore a commander's access with the recovery code: sets their new password and
   * replaces the recovery code (the old one stops working). Returns the new code.
   */
  recover(recoveryCode: string, username: string, newPassword: string): { recoveryCode: string } {
    return this.desk.recover(recoveryCode, username, newPassword);
  }

  close(): void {
    this.sessions.clear();
    this.uploads.clear();
    this.store.close();
  }

  masterKey(): Buffer {
    return this.store.masterKey();
  }

  readonly keys: KeyOperations = {
    setAccountSecret: (username, password) => {
      const masterKey = this.store.masterKey();
      const slot = createSlot(this.workspaceId, 'account', username, password, masterKey, this.now());
      masterKey.fill(0);
      this.store.updateKeyring((k) => withAccountSlot(k, slot));
    },
    retireAccount: (username) => {
      this.store.updateKeyring((k) => withoutAccountSlot(k, username, this.now()));
    },
    assertOwnPassword: (actor, password) => this.desk.assertOwnPassword(actor, password),
    rotateMasterKey: () => this.store.rotateMasterKey(),
  };

  /**
   * Close the store when nobody is signed in and no job is running: a job admitted by the
   * gate finishes (or is cancelled) with its access-log entry, even if its person has
   * signed out meanwhile.
   */
  private releaseStore(): void {
    if (this.sessions.size === 0 && this.runningJobs === 0) this.store.close();
  }

  /** A call went through: a checkpoint outside the database if the operation asks for one, or one is due. */
  private afterCall(operation: string): void {
    const db = this.store.db;
    if (!db || !isOperationName(operation)) return;
    const asks = (operations[operation] as { checkpointAfter?: true }).checkpointAfter === true;
    this.checkpoints.afterCall(db, readSettings(db).checkpointFolder, this.now(), asks);
  }

  /** The features' work each time the store opens (gate/handlers.ts), in one transaction with its access-log entries. */
  private runStoreOpenedHooks(db: Db): void {
    db.transaction(() => {
      const now = this.now();
      for (const hook of storeOpenedHooks) {
        for (const event of hook(db, now)) {
          appendAuditEntry(db, this.workspaceId, auditEntry({ at: now, actor: null, ...event, workstation: this.workstation }));
        }
      }
    }).immediate();
  }
}
