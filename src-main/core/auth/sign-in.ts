import type { Me } from '../../contract/schemas';
import type { WorkspaceEvent } from '../../contract/operations';
import { appendAuditEntry } from '../audit/chain';
import { auditEntry } from '../audit/entry';
import type { Clock } from '../clock';
import { denied } from '../errors';
import type { Db } from '../store/database';
import {
  createSlot,
  findAccountSlot,
  openSlot,
  recoverySlot,
  withAccountSlot,
  withoutAccountSlot,
  withRecoverySlot,
} from '../store/keyring';
import type { WorkspaceFiles } from '../store/paths';
import type { WorkspaceStore } from '../store/workspace-store';
import { actorFor, describeMe, findAccount, markPasswordChanged } from './accounts';
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
} from './logon-state';
import { assertAcceptablePassword } from './passwords';
import { newRecoveryCode, normaliseRecoveryCode } from './recovery-code';
import type { Actor, SessionTable } from './sessions';

/** Logon-state key under which failed recovery-code attempts are counted. */
const RECOVERY_COUNTER = '#recovery-code';

/** What sign-in needs of the workspace it serves. */
export interface SignInHost {
  readonly files: WorkspaceFiles;
  readonly workspaceId: string;
  readonly workstation: string;
  readonly clock: Clock;
  readonly store: WorkspaceStore;
  readonly sessions: SessionTable;
  /** close the store when nobody needs it any more (a failed sign-in opened it for nothing) */
  releaseStore(): void;
}

/**
 * Sign-in, unlock and recovery: they come before a session exists, because the password is
 * what opens the store. Failed attempts count towards the lockout (5 in 10 minutes lock the
 * account), and their refusals wait in the logon-state file until the store is open, then go
 * into the access log with their own times.
 */
export class SignInDesk {
  constructor(private readonly host: SignInHost) {}

  signIn(username: string, password: string): { token: string; me: Me } {
    const { store, files, workstation } = this.host;
    const now = this.now();
    const name = username.trim().toLowerCase();
    const state = loadLogonState(files.logonState, workstation, now);
    this.assertNotLocked(state, name, name, now);

    const keyring = store.readKeyring();
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
    const opened = openSlot(this.host.workspaceId, slot!, password);
    if (!opened.ok) this.refuseWrongSecret(state, name, name, 'session.signIn', 'wrong-password', `Wrong password for ${name}.`);
    const masterKey = (opened as { masterKey: Buffer }).masterKey;

    const db = store.attach(masterKey, (k) => findAccountSlot(k, name), password);
    try {
      const row = findAccount(db, name);
      if (!row || row.status !== 'active') {
        // A slot for an account the store no longer allows (e.g. a keyring restored from an old backup).
        store.updateKeyring((k) => withoutAccountSlot(k, name, now));
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
        this.record(db, { at: now, actor, operation: 'session.signIn', outcome: 'ok' });
      })();
      saveLogonState(files.logonState, state);
      const token = this.host.sessions.create(actor, now);
      return { token, me: describeMe(db, actor, now) };
    } finally {
      // Opened only for this sign-in and it failed: the key leaves memory again.
      this.host.releaseStore();
    }
  }

  /** Unlock an idle-locked session with the person's password. */
  unlock(token: string, password: string): Me {
    const { store, sessions, files, workstation } = this.host;
    const actor = sessions.peek(token);
    const db = store.db;
    if (!actor || !db) throw denied('not-signed-in', 'That session has ended. Sign in again.');
    const now = this.now();
    const state = loadLogonState(files.logonState, workstation, now);
    try {
      this.assertNotLocked(state, actor.username, actor.username, now, 'session.unlock');
      const slot = findAccountSlot(store.readKeyring(), actor.username);
      const opened = slot ? openSlot(this.host.workspaceId, slot, password) : { ok: false as const };
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
      if (lockedUntil(state, actor.username, now)) sessions.end(token);
      throw error;
    }
    sessions.unlock(token, now);
    db.transaction(() => this.record(db, { at: now, actor, operation: 'session.unlock', outcome: 'ok' }))();
    return describeMe(db, actor, now);
  }

  /**
   * Restore a commander's access with the recovery code: sets their new password and
   * replaces the recovery code (the old one stops working). Returns the new code.
   */
  recover(recoveryCode: string, username: string, newPassword: string): { recoveryCode: string } {
    const { store, files, workstation, workspaceId } = this.host;
    const now = this.now();
    const name = username.trim().toLowerCase();
    const state = loadLogonState(files.logonState, workstation, now);
    this.assertNotLocked(state, RECOVERY_COUNTER, name, now);
    const code = normaliseRecoveryCode(recoveryCode);
    const opened = openSlot(workspaceId, recoverySlot(store.readKeyring()), code);
    if (!opened.ok)
      this.refuseWrongSecret(state, RECOVERY_COUNTER, name, 'workspace.recover', 'wrong-recovery-code', 'That recovery code is not right.');
    const masterKey = (opened as { masterKey: Buffer }).masterKey;
    const db = store.attach(masterKey, (k) => k.slots.find((s) => s.kind === 'recovery'), code);
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
      const accountSlot = createSlot(workspaceId, 'account', name, newPassword, masterKey, now);
      const recovery = createSlot(workspaceId, 'recovery', null, nextCode, masterKey, now);
      db.transaction(() => {
        this.flushPendingEvents(db, state);
        markPasswordChanged(db, actor.accountId, now.toISOString());
        this.record(db, {
          at: now,
          actor,
          operation: 'workspace.recover',
          outcome: 'ok',
          reason: 'password reset with the recovery code; a new recovery code was issued',
          role: 'commander',
          objects: { account: name },
        });
        store.updateKeyring((k) => withRecoverySlot(withAccountSlot(k, accountSlot), recovery));
      }).immediate();
      clearFailures(state, name);
      clearFailures(state, RECOVERY_COUNTER);
      saveLogonState(files.logonState, state);
      return { recoveryCode: nextCode };
    } finally {
      this.host.releaseStore();
    }
  }

  /** Throws "denied" when the password is not this person's; guessing here counts like guessing at sign-in. */
  assertOwnPassword(actor: Actor, password: string): void {
    const { store, files, workstation, sessions } = this.host;
    const slot = findAccountSlot(store.readKeyring(), actor.username);
    if (slot && openSlot(this.host.workspaceId, slot, password).ok) return;
    const now = this.now();
    const state = loadLogonState(files.logonState, workstation, now);
    const left = recordFailure(state, actor.username, now);
    saveLogonState(files.logonState, state);
    if (left === 0) sessions.endAllFor(actor.accountId);
    throw denied(
      'wrong-password',
      `The current password is not right; nothing was changed.${
        left === 0
          ? ` The account is now locked for ${LOCKOUT_MINUTES} minutes and signed out.`
          : ` ${left} more failed attempt${left === 1 ? '' : 's'} will lock it for ${LOCKOUT_MINUTES} minutes.`
      }`,
    );
  }

  private now(): Date {
    return this.host.clock.now();
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
    const event: PendingLogonEvent = {
      at: this.now().toISOString(),
      username,
      operation,
      reason: message,
      workstation: this.host.workstation,
    };
    const db = this.host.store.db;
    if (db) db.transaction(() => this.appendPending(db, event, false))();
    else state.pending.push(event);
    saveLogonState(this.host.files.logonState, state);
    throw denied(code, message);
  }

  private flushPendingEvents(db: Db, state: LogonState): void {
    for (const event of state.pending) this.appendPending(db, event, true);
    state.pending = [];
  }

  /** `waited`: the refusal happened while the store was closed and is written now. */
  private appendPending(db: Db, event: PendingLogonEvent, waited: boolean): void {
    const row = event.username ? findAccount(db, event.username) : undefined;
    appendAuditEntry(
      db,
      this.host.workspaceId,
      auditEntry({
        at: event.at,
        actor: { accountId: row?.id ?? null, username: event.username, fullName: row?.fullName ?? null },
        role: null,
        operation: event.operation,
        objects: waited ? { recordedBeforeSignIn: true } : {},
        outcome: 'denied',
        reason: event.reason,
        workstation: event.workstation,
      }),
    );
  }

  private record(
    db: Db,
    e: { at: Date; actor: Actor; operation: WorkspaceEvent; outcome: 'ok'; reason?: string; role?: string; objects?: unknown },
  ): void {
    appendAuditEntry(db, this.host.workspaceId, auditEntry({ ...e, workstation: this.host.workstation }));
  }
}
