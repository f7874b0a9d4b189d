import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessReason, Me } from '../contract/schemas';
import { fullNameSchema, usernameSchema } from '../contract/schemas';
import type { OperationName, OpInput, OpOutput, WorkspaceEvent } from '../contract/operations';
import { actorFor, describeMe, findAccount, insertAccount, markPasswordChanged } from './auth/accounts';
import {
  clearFailures,
  loadLogonState,
  LOCKOUT_MINUTES,
  lockedUntil,
  MAX_FAILED_SIGN_INS,
  recordFailure,
  saveLogonState,
  type LogonState,
  type PendingLogonEvent,
} from './auth/logon-state';
import { assertAcceptablePassword } from './auth/passwords';
import { newRecoveryCode, normaliseRecoveryCode } from './auth/recovery-code';
import { SessionTable } from './auth/sessions';
import { appendAuditEntry } from './audit/chain';
import { createSigningKey } from './audit/signing';
import { systemClock, type Clock } from './clock';
import { denied, failed, invalid } from './errors';
import type { GateHost, KeyOperations, Sink } from './gate/context';
import { describeZodError, dispatch, dispatchJob, fieldIssues, type JobControl } from './gate/dispatcher';
import { markInterruptedImports } from './imports/records';
import { UploadStore } from './intake/staging';
import { readSettings } from './settings';
import { MASTER_KEY_BYTES, openEncrypted, takeSoleUse, writeRekeyedCopy, type Db } from './store/database';
import { renameDurably } from './store/files';
import {
  createSlot,
  emptyKeyring,
  findAccountSlot,
  loadKeyring,
  openSlot,
  recoverySlot,
  resealSlot,
  saveKeyring,
  withAccountSlot,
  withoutAccountSlot,
  withRecoverySlot,
  type KeySlot,
  type Keyring,
} from './store/keyring';
import { readManifest, writeManifest } from './store/manifest';
import { migrate } from './store/migrations';
import { workspaceFiles, type WorkspaceFiles } from './store/paths';

export interface WorkspaceOptions {
  clock?: Clock;
  /** recorded on every access-log entry; the computer's name by default */
  workstation?: string;
}

/** Logon-state key under which failed recovery-code attempts are counted. */
const RECOVERY_COUNTER = '#recovery-code';

type SlotChoice = (keyring: Keyring) => KeySlot | undefined;

function parseOrInvalid<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid('invalid-input', `${describeZodError(r.error)}.`, fieldIssues(r.error));
  return r.data;
}

/**
 * One workspace folder: its keyring, its encrypted store (open only while someone is
 * signed in) and its sessions. Sign-in, unlock and recovery happen here because they
 * come before a session exists; everything else goes through the gate (`call`).
 */
export class Workspace implements GateHost {
  readonly sessions = new SessionTable();
  readonly workstation: string;
  private readonly clock: Clock;
  private store: { db: Db; masterKey: Buffer } | undefined;
  /** files sent for import from a window or browser, until imported or discarded */
  readonly uploads: UploadStore;
  /** jobs admitted and not yet ended (see closeStoreIfIdle) */
  private runningJobs = 0;

  private constructor(
    readonly files: WorkspaceFiles,
    readonly workspaceId: string,
    options: WorkspaceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.workstation = options.workstation ?? os.hostname();
    this.uploads = new UploadStore(files.incoming);
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
        appendAuditEntry(db, workspaceId, {
          at: now.toISOString(),
          accountId,
          username,
          fullName,
          role: 'commander',
          operation: 'workspace.init',
          objects: { workspaceId, commander: username },
          caseNumber: null,
          purpose: null,
          outcome: 'ok',
          reason: null,
          workstation: options.workstation ?? os.hostname(),
        });
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
    workspace.readKeyring();
    return workspace;
  }

  now(): Date {
    return this.clock.now();
  }

  database(): Db | undefined {
    return this.store?.db;
  }

  /**
   * Every operation goes through the gate. `sink` receives the result of an operation
   * that streams (an export). The store closes when the last session ends.
   */
  call<K extends OperationName>(token: string, operation: K, input: OpInput<K>, access?: Partial<AccessReason>, sink?: Sink): OpOutput<K> {
    try {
      return dispatch(this, token, operation, input, access, sink) as OpOutput<K>;
    } finally {
      this.closeStoreIfIdle();
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
    this.runningJobs++;
    try {
      return await dispatchJob(this, token, operation, input, access, control, sink);
    } finally {
      this.runningJobs--;
      this.closeStoreIfIdle();
    }
  }

  /**
   * Whether a session is active, idle-locked or gone, without counting as activity: the
   * app asks this to show the lock screen on time. It reads no records, so it is not logged.
   */
  sessionState(token: string): { state: 'active' | 'locked' | 'signed-out'; idleMinutes: number | null } {
    const db = this.store?.db;
    if (!db) return { state: 'signed-out', idleMinutes: null };
    const { idleMinutes } = readSettings(db);
    const found = this.sessions.state(token, this.now(), idleMinutes);
    return { state: found.state === 'unknown' ? 'signed-out' : found.state, idleMinutes };
  }

  signIn(username: string, password: string): { token: string; me: Me } {
    const now = this.now();
    const name = username.trim().toLowerCase();
    const state = loadLogonState(this.files.logonState, this.workstation, now);
    this.assertNotLocked(state, name, name, now);

    const keyring = this.readKeyring();
    const slot = findAccountSlot(keyring, name);
    if (!slot) {
      const retired = keyring.retired.some((r) => r.username === name);
      this.refuseSignIn(
        state,
        name,
        'session.signIn',
        retired ? 'account-disabled' : 'unknown-user',
        retired
          ? `The account ${name} is disabled; ask the commander if you need access again.`
          : `There is no account named ${name} on this workstation. Check the spelling or ask the commander.`,
      );
    }
    const opened = openSlot(this.workspaceId, slot!, password);
    if (!opened.ok) this.refuseWrongSecret(state, name, name, 'session.signIn', 'wrong-password', `Wrong password for ${name}.`);
    const masterKey = (opened as { masterKey: Buffer }).masterKey;

    const db = this.attachStore(masterKey, (k) => findAccountSlot(k, name), password);
    try {
      const row = findAccount(db, name);
      if (!row || row.status !== 'active') {
        // A slot for an account the store no longer allows (e.g. a keyring restored from an old backup).
        this.updateKeyring((k) => withoutAccountSlot(k, name, now));
        this.refuseSignIn(
          state,
          name,
          'session.signIn',
          'account-disabled',
          `The account ${name} is disabled; ask the commander if you need access again.`,
        );
      }
      const actor = actorFor(db, row!);
      clearFailures(state, name);
      db.transaction(() => {
        this.flushPendingEvents(db, state);
        this.audit(db, { at: now, actor, operation: 'session.signIn', outcome: 'ok', reason: null });
      })();
      saveLogonState(this.files.logonState, state);
      const token = this.sessions.create(actor, now);
      return { token, me: describeMe(db, actor, now) };
    } finally {
      // Opened only for this sign-in and it failed: the key leaves memory again.
      this.closeStoreIfIdle();
    }
  }

  /** Unlock an idle-locked session with the person's password. */
  unlock(token: string, password: string): Me {
    const actor = this.sessions.peek(token);
    const db = this.store?.db;
    if (!actor || !db) throw denied('not-signed-in', 'That session has ended. Sign in again.');
    const now = this.now();
    const state = loadLogonState(this.files.logonState, this.workstation, now);
    try {
      this.assertNotLocked(state, actor.username, actor.username, now, 'session.unlock');
      const slot = findAccountSlot(this.readKeyring(), actor.username);
      const opened = slot ? openSlot(this.workspaceId, slot, password) : { ok: false as const };
      if (!opened.ok)
        this.refuseWrongSecret(
          state,
          actor.username,
          actor.username,
          'session.unlock',
          'wrong-password',
          `Wrong password for ${actor.username}.`,
        );
    } catch (error) {
      // A locked account cannot keep a session waiting to be unlocked.
      if (lockedUntil(state, actor.username, now)) this.sessions.end(token);
      throw error;
    }
    this.sessions.unlock(token, now);
    db.transaction(() => this.audit(db, { at: now, actor, operation: 'session.unlock', outcome: 'ok', reason: null }))();
    return describeMe(db, actor, now);
  }

  /**
   * Restore a commander's access with the recovery code: sets their new password and
   * replaces the recovery code (the old one stops working). Returns the new code.
   */
  recover(recoveryCode: string, username: string, newPassword: string): { recoveryCode: string } {
    const now = this.now();
    const name = username.trim().toLowerCase();
    const state = loadLogonState(this.files.logonState, this.workstation, now);
    this.assertNotLocked(state, RECOVERY_COUNTER, name, now);
    const code = normaliseRecoveryCode(recoveryCode);
    const opened = openSlot(this.workspaceId, recoverySlot(this.readKeyring()), code);
    if (!opened.ok)
      this.refuseWrongSecret(state, RECOVERY_COUNTER, name, 'workspace.recover', 'wrong-recovery-code', 'That recovery code is not right.');
    const masterKey = (opened as { masterKey: Buffer }).masterKey;
    const db = this.attachStore(masterKey, (k) => k.slots.find((s) => s.kind === 'recovery'), code);
    try {
      const row = findAccount(db, name);
      if (!row || row.status !== 'active' || !actorFor(db, row).roles.includes('commander')) {
        this.refuseSignIn(
          state,
          name,
          'workspace.recover',
          'not-a-commander',
          `${name} is not an active commander; the recovery code resets a commander's password only.`,
        );
      }
      assertAcceptablePassword(newPassword, name);
      const actor = actorFor(db, row!);
      const nextCode = newRecoveryCode();
      const accountSlot = createSlot(this.workspaceId, 'account', name, newPassword, masterKey, now);
      const recovery = createSlot(this.workspaceId, 'recovery', null, nextCode, masterKey, now);
      db.transaction(() => {
        this.flushPendingEvents(db, state);
        markPasswordChanged(db, actor.accountId, now.toISOString());
        this.audit(db, {
          at: now,
          actor,
          operation: 'workspace.recover',
          outcome: 'ok',
          reason: 'password reset with the recovery code; a new recovery code was issued',
          role: 'commander',
          objects: { account: name },
        });
        this.updateKeyring((k) => withRecoverySlot(withAccountSlot(k, accountSlot), recovery));
      }).immediate();
      clearFailures(state, name);
      clearFailures(state, RECOVERY_COUNTER);
      saveLogonState(this.files.logonState, state);
      return { recoveryCode: nextCode };
    } finally {
      this.closeStoreIfIdle();
    }
  }

  close(): void {
    this.sessions.clear();
    this.uploads.clear();
    this.closeStore();
  }

  masterKey(): Buffer {
    return Buffer.from(this.requireStore().masterKey);
  }

  readonly keys: KeyOperations = {
    setAccountSecret: (username, password) => {
      const store = this.requireStore();
      const slot = createSlot(this.workspaceId, 'account', username, password, store.masterKey, this.now());
      this.updateKeyring((k) => withAccountSlot(k, slot));
    },
    retireAccount: (username) => {
      this.updateKeyring((k) => withoutAccountSlot(k, username, this.now()));
    },
    assertOwnPassword: (actor, password) => {
      const slot = findAccountSlot(this.readKeyring(), actor.username);
      if (slot && openSlot(this.workspaceId, slot, password).ok) return;
      // Guessing at the change-password form counts like guessing at sign-in.
      const now = this.now();
      const state = loadLogonState(this.files.logonState, this.workstation, now);
      const left = recordFailure(state, actor.username, now);
      saveLogonState(this.files.logonState, state);
      if (left === 0) this.sessions.endAllFor(actor.accountId);
      throw denied(
        'wrong-password',
        `The current password is not right; nothing was changed.${
          left === 0
            ? ` The account is now locked for ${LOCKOUT_MINUTES} minutes and signed out.`
            : ` ${left} more failed attempt${left === 1 ? '' : 's'} will lock it for ${LOCKOUT_MINUTES} minutes.`
        }`,
      );
    },
    rotateMasterKey: () => {
      const store = this.requireStore();
      const oldKey = Buffer.from(store.masterKey);
      const newKey = crypto.randomBytes(MASTER_KEY_BYTES);
      const current = this.readKeyring();
      const next: Keyring = { ...current, slots: current.slots.map((s) => resealSlot(this.workspaceId, s, newKey)) };
      // Crash-safe order: a re-encrypted copy and the resealed keyring are written beside
      // the live files, then put in place by renames. Opening finishes a rotation cut
      // short between the two renames, or discards one that never reached the database.
      try {
        takeSoleUse(store.db);
        writeRekeyedCopy(store.db, oldKey, this.files.databaseRekeyed, newKey);
        saveKeyring(this.files.keyringNext, next);
        this.closeStore(); // the file is replaced next; Windows cannot replace an open file
        renameDurably(this.files.databaseRekeyed, this.files.database);
      } catch (error) {
        for (const leftover of [this.files.databaseRekeyed, this.files.keyringNext]) fs.rmSync(leftover, { force: true });
        this.reopenStore(oldKey);
        throw error;
      } finally {
        oldKey.fill(0);
      }
      renameDurably(this.files.keyringNext, this.files.keyring);
      this.reopenStore(newKey);
      newKey.fill(0);
      return next.slots.length;
    },
  };

  /**
   * The keyring as it is on disk now. It is never cached: the desktop app and the CLI
   * may have the same workspace open, and a slot written by one must count in the other.
   */
  private readKeyring(): Keyring {
    const keyring = loadKeyring(this.files.keyring);
    if (keyring.workspaceId !== this.workspaceId) {
      throw failed(
        'keyring-foreign',
        `The keyring in ${this.files.dir} belongs to another workspace (${keyring.workspaceId}), not this one (${this.workspaceId}). Put back this workspace's own keyring.json from its backup.`,
      );
    }
    return keyring;
  }

  /** Read, change and write back the keyring (callers hold the store's write lock where they can). */
  private updateKeyring(change: (keyring: Keyring) => Keyring): void {
    saveKeyring(this.files.keyring, change(this.readKeyring()));
  }

  private requireStore(): { db: Db; masterKey: Buffer } {
    if (!this.store) throw denied('not-signed-in', 'Nobody is signed in.');
    return this.store;
  }

  /** Open the store again under `masterKey` (after a rotation replaced or kept the file). */
  private reopenStore(masterKey: Buffer): void {
    this.closeStore();
    this.store = { db: this.openDatabase(masterKey), masterKey: Buffer.from(masterKey) };
  }

  /**
   * Close the store when nobody is signed in and no job is running: a job admitted by the
   * gate finishes (or is cancelled) with its access-log entry, even if its person has
   * signed out meanwhile.
   */
  private closeStoreIfIdle(): void {
    if (this.sessions.size === 0 && this.runningJobs === 0) this.closeStore();
  }

  private closeStore(): void {
    if (!this.store) return;
    this.store.db.close();
    this.store.masterKey.fill(0);
    this.store = undefined;
  }

  /**
   * Open the database with a master key from a slot. When a master-key rotation was cut
   * short after the database was re-encrypted, the waiting keyring (keyring.next.json)
   * holds the key that opens it: it is used and put in place. When the database still
   * opens with the current keyring, a waiting keyring is stale and removed.
   */
  private attachStore(masterKey: Buffer, chooseSlot: SlotChoice, secret: string): Db {
    if (this.store) {
      if (!crypto.timingSafeEqual(this.store.masterKey, masterKey)) {
        throw failed('keyring-mismatch', 'The keyring and the open database disagree. Close Custodian and open the workspace again.');
      }
      return this.store.db;
    }
    let db: Db;
    try {
      db = this.openDatabase(masterKey);
      // A rotation that never reached the database leaves these behind; they are stale.
      for (const leftover of [this.files.keyringNext, this.files.databaseRekeyed]) fs.rmSync(leftover, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'wrong-key') throw error;
      return this.finishInterruptedRotation(chooseSlot, secret);
    }
    this.store = { db, masterKey };
    return db;
  }

  private openDatabase(masterKey: Buffer): Db {
    const restore = 'Restore custodian.db from the same backup as keyring.json.';
    if (!fs.existsSync(this.files.database) || fs.statSync(this.files.database).size === 0) {
      throw failed('database-missing', `The database (${this.files.database}) is missing or empty. ${restore}`);
    }
    const db = openEncrypted(this.files.database, masterKey);
    try {
      // Whose database is it? Asked before migrating, so a foreign one is left untouched.
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
      const id = hasMeta ? db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'").pluck().get() : undefined;
      if (id === undefined) throw failed('database-missing', `The database (${this.files.database}) holds no workspace. ${restore}`);
      if (id !== this.workspaceId) {
        throw failed(
          'database-foreign',
          `The database in ${this.files.dir} belongs to another workspace. Restore custodian.db and keyring.json from the same backup.`,
        );
      }
      migrate(db);
      this.noteInterruptedImports(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }

  /**
   * An import whose process died (killed, power cut) is marked interrupted as soon as the
   * store opens, with an access-log entry; its rows were never visible and are cleared
   * before the next import.
   */
  private noteInterruptedImports(db: Db): void {
    db.transaction(() => {
      const now = this.now();
      for (const importId of markInterruptedImports(db, now)) {
        appendAuditEntry(db, this.workspaceId, {
          at: now.toISOString(),
          accountId: null,
          username: null,
          fullName: null,
          role: null,
          operation: 'import.interrupted',
          objects: { importId },
          caseNumber: null,
          purpose: null,
          outcome: 'error',
          reason: 'The program stopped while this import was running; nothing from it was kept.',
          workstation: this.workstation,
        });
      }
    }).immediate();
  }

  private finishInterruptedRotation(chooseSlot: SlotChoice, secret: string): Db {
    const mismatch = failed(
      'keyring-mismatch',
      "The keyring does not open this workspace's database: keyring.json and custodian.db come from different backups or workspaces. Restore both from the same backup.",
    );
    if (!fs.existsSync(this.files.keyringNext)) throw mismatch;
    const next = loadKeyring(this.files.keyringNext);
    const slot = chooseSlot(next);
    const opened = slot && next.workspaceId === this.workspaceId ? openSlot(this.workspaceId, slot, secret) : undefined;
    if (!opened?.ok) throw mismatch;
    let db: Db;
    try {
      db = this.openDatabase(opened.masterKey);
    } catch (error) {
      throw (error as { code?: string }).code === 'wrong-key' ? mismatch : error;
    }
    renameDurably(this.files.keyringNext, this.files.keyring);
    this.store = { db, masterKey: opened.masterKey };
    return db;
  }

  private assertNotLocked(state: LogonState, counter: string, username: string, now: Date, operation?: WorkspaceEvent): void {
    const until = lockedUntil(state, counter, now);
    if (until) {
      const what = counter === RECOVERY_COUNTER ? 'Recovery' : `The account ${username}`;
      this.refuseSignIn(
        state,
        username,
        operation ?? (counter === RECOVERY_COUNTER ? 'workspace.recover' : 'session.signIn'),
        'account-locked',
        `${what} is locked after ${MAX_FAILED_SIGN_INS} failed attempts until ${until.toISOString()} (${LOCKOUT_MINUTES} minutes); try again then, or ask the commander.`,
      );
    }
  }

  private refuseWrongSecret(
    state: LogonState,
    counter: string,
    username: string,
    operation: WorkspaceEvent,
    code: string,
    sentence: string,
  ): never {
    const left = recordFailure(state, counter, this.now());
    const tail =
      left === 0
        ? ` ${counter === RECOVERY_COUNTER ? 'Recovery' : 'The account'} is now locked for ${LOCKOUT_MINUTES} minutes.`
        : ` ${left} more failed attempt${left === 1 ? '' : 's'} will lock it for ${LOCKOUT_MINUTES} minutes.`;
    return this.refuseSignIn(state, username, operation, code, sentence + tail);
  }

  /** Log a refused sign-in (now if the store is open, else at the next sign-in) and throw. */
  private refuseSignIn(state: LogonState, username: string, operation: WorkspaceEvent, code: string, message: string): never {
    const event: PendingLogonEvent = { at: this.now().toISOString(), username, operation, reason: message, workstation: this.workstation };
    const db = this.store?.db;
    if (db) db.transaction(() => this.appendPending(db, event, false))();
    else state.pending.push(event);
    saveLogonState(this.files.logonState, state);
    throw denied(code, message);
  }

  private flushPendingEvents(db: Db, state: LogonState): void {
    for (const event of state.pending) this.appendPending(db, event, true);
    state.pending = [];
  }

  /** `waited`: the refusal happened while the store was closed and is written now. */
  private appendPending(db: Db, event: PendingLogonEvent, waited: boolean): void {
    const row = event.username ? findAccount(db, event.username) : undefined;
    appendAuditEntry(db, this.workspaceId, {
      at: event.at,
      accountId: row?.id ?? null,
      username: event.username || null,
      fullName: row?.fullName ?? null,
      role: null,
      operation: event.operation,
      objects: waited ? { recordedBeforeSignIn: true } : {},
      caseNumber: null,
      purpose: null,
      outcome: 'denied',
      reason: event.reason,
      workstation: event.workstation,
    });
  }

  private audit(
    db: Db,
    e: {
      at: Date;
      actor: { accountId: number; username: string; fullName: string; roles: readonly string[] };
      operation: WorkspaceEvent;
      outcome: 'ok' | 'denied';
      reason: string | null;
      role?: string;
      objects?: unknown;
    },
  ): void {
    appendAuditEntry(db, this.workspaceId, {
      at: e.at.toISOString(),
      accountId: e.actor.accountId,
      username: e.actor.username,
      fullName: e.actor.fullName,
      role: e.role ?? e.actor.roles[0] ?? null,
      operation: e.operation,
      objects: e.objects ?? {},
      caseNumber: null,
      purpose: null,
      outcome: e.outcome,
      reason: e.reason,
      workstation: this.workstation,
    });
  }
}
