import type { Me } from '../../contract/schemas';
import type { OperationName, WorkspaceEvent } from '../../contract/operations';

/** What an attempt is for: signing in, unlocking, recovering, or a password checked inside a call. */
type AttemptFor = WorkspaceEvent | OperationName;
import { appendAuditEntry } from '../audit/chain';
import { auditEntry } from '../audit/entry';
import type { Clock } from '../clock';
import { denied } from '../errors';
import type { Db } from '../store/database';
import {
  createSlot,
  deriveAsIfOpeningASlot,
  findAccountSlot,
  newSignInKey,
  openSlot,
  recoverySlot,
  withAccountSlot,
  withoutAccountSlot,
  withRecoverySlot,
  type KeySlot,
  type Keyring,
} from '../store/keyring';
import type { WorkspaceFiles } from '../store/paths';
import type { WorkspaceStore } from '../store/workspace-store';
import { actorFor, describeMe, findAccount, markPasswordChanged } from './accounts';
import {
  addPending,
  beginAttempt,
  clearFailures,
  endAttempt,
  LOCKOUT_MINUTES,
  LogonStateFile,
  MAX_FAILED_SIGN_INS,
  type LogonState,
  type PendingLogonEvent,
} from './logon-state';
import { nameFingerprint } from './name-fingerprint';
import { assertAcceptablePassword } from './passwords';
import { newRecoveryCode, normaliseRecoveryCode } from './recovery-code';
import type { Actor, SessionTable } from './sessions';

/** Logon-state key under which failed recovery-code attempts are counted. */
const RECOVERY_COUNTER = '#recovery-code';

/** What sign-in answers for a wrong password, an unknown name and a disabled account alike: it must not tell which. */
export const NO_MATCH = 'That username and password do not match an active account.';

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
 * Who a sign-in names, as the counters and the log may keep it: an account's name, or the
 * fingerprint of a name that is no account (never the text typed, which may be a password).
 */
interface Named {
  /** the counter's key in the logon-state file */
  key: string;
  /** the account's name, or null for a name that is no account */
  username: string | null;
  fingerprint?: string;
}

/** A refusal: what the person is told, and what the access log keeps (the true reason). */
interface Refusal {
  operation: AttemptFor;
  code: string;
  shown: string;
  recorded: string;
}

/**
 * Sign-in, unlock and recovery: they come before a session exists, because the password is
 * what opens the store. Every attempt is counted (5 failures in 10 minutes lock the name,
 * known or not) in the logon-state file, under its lock, before its key derivation runs.
 * Refusals wait in that file until the store is open, then go into the access log with their
 * own times. A wrong password, an unknown name and a disabled account get the same answer
 * after the same work; the log keeps the true reason.
 */
export class SignInDesk {
  private readonly logon: LogonStateFile;

  constructor(private readonly host: SignInHost) {
    this.logon = new LogonStateFile(host.files.logonState, host.workstation);
  }

  signIn(username: string, password: string): { token: string; me: Me } {
    const { store, sessions } = this.host;
    const name = username.trim().toLowerCase();
    const keyring = store.readKeyring();
    const slot = findAccountSlot(keyring, name);
    if (!slot) this.refuseWithoutSlot(keyring, name, password);
    const opened = this.attempt({ key: name, username: name }, 'session.signIn', slot!, password, NO_MATCH, `Wrong password for ${name}.`);
    const now = this.now();
    const db = store.attach(opened, (k) => findAccountSlot(k, name), password);
    try {
      const row = findAccount(db, name);
      if (!row || row.status !== 'active') {
        // A slot for an account the store no longer allows (e.g. a keyring restored from an old backup).
        store.updateKeyring((k) => withoutAccountSlot(k, name, now));
        this.logon.update(now, (state) =>
          this.refusal(
            state,
            { key: name, username: name },
            {
              operation: 'session.signIn',
              code: 'sign-in-refused',
              shown: NO_MATCH,
              recorded: `The account ${name} is disabled.`,
            },
          ),
        );
        throw denied('sign-in-refused', NO_MATCH);
      }
      const actor = actorFor(db, row);
      this.logon.update(now, (state) =>
        db.transaction(() => {
          this.flushPending(db, state, keyring);
          this.record(db, { at: now, actor, operation: 'session.signIn', outcome: 'ok' });
        })(),
      );
      const token = sessions.create(actor, now);
      return { token, me: describeMe(db, actor, now) };
    } finally {
      // Opened only for this sign-in and it failed: the key leaves memory again.
      this.host.releaseStore();
    }
  }

  /** Unlock an idle-locked session with the person's password. */
  unlock(token: string, password: string): Me {
    const { store, sessions } = this.host;
    const actor = sessions.peek(token);
    const db = store.db;
    if (!actor || !db) throw denied('not-signed-in', 'That session has ended. Sign in again.');
    const named = { key: actor.username, username: actor.username };
    try {
      const slot = findAccountSlot(store.readKeyring(), actor.username);
      if (!slot) throw denied('not-signed-in', 'That session has ended. Sign in again.');
      const wrong = `Wrong password for ${actor.username}.`;
      this.attempt(named, 'session.unlock', slot, password, wrong, wrong).fill(0);
    } catch (error) {
      // A locked account cannot keep a session waiting to be unlocked.
      if ((error as { code?: string }).code === 'account-locked' || this.isLocked(named.key)) sessions.end(token);
      throw error;
    }
    const now = this.now();
    sessions.unlock(token, now);
    db.transaction(() => this.record(db, { at: now, actor, operation: 'session.unlock', outcome: 'ok' }))();
    return describeMe(db, actor, now);
  }

  /**
   * Restore a commander's access with the recovery code: sets their new password and
   * replaces the recovery code (the old one stops working). Returns the new code.
   */
  recover(recoveryCode: string, username: string, newPassword: string): { recoveryCode: string } {
    const { store, workspaceId } = this.host;
    const name = username.trim().toLowerCase();
    const keyring = store.readKeyring();
    const code = normaliseRecoveryCode(recoveryCode);
    const recovery = { key: RECOVERY_COUNTER, username: name };
    const wrong = 'That recovery code is not right.';
    const masterKey = this.attempt(recovery, 'workspace.recover', recoverySlot(keyring), code, wrong, wrong);
    const now = this.now();
    const db = store.attach(masterKey, (k) => k.slots.find((s) => s.kind === 'recovery'), code);
    try {
      const row = findAccount(db, name);
      if (!row || row.status !== 'active' || !actorFor(db, row).roles.includes('commander')) {
        const shown = `${name} is not an active commander; the recovery code resets a commander's password only.`;
        const named = row ? { key: name, username: name } : this.unknown(name, keyring);
        this.logon.update(now, (state) =>
          this.refusal(state, named, {
            operation: 'workspace.recover',
            code: 'not-a-commander',
            shown,
            recorded: row ? shown : 'The name given is no account; the recovery code resets a commander\u2019s password only.',
          }),
        );
        throw denied('not-a-commander', shown);
      }
      assertAcceptablePassword(newPassword, name);
      const actor = actorFor(db, row);
      const nextCode = newRecoveryCode();
      const accountSlot = createSlot(workspaceId, 'account', name, newPassword, masterKey, now);
      const nextRecovery = createSlot(workspaceId, 'recovery', null, nextCode, masterKey, now);
      this.logon.update(now, (state) => {
        db.transaction(() => {
          this.flushPending(db, state, keyring);
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
          store.updateKeyring((k) => withRecoverySlot(withAccountSlot(k, accountSlot), nextRecovery));
        }).immediate();
        clearFailures(state, name);
      });
      return { recoveryCode: nextCode };
    } finally {
      this.host.releaseStore();
    }
  }

  /** Throws "denied" when the password is not this person's; guessing here counts like guessing at sign-in. */
  assertOwnPassword(actor: Actor, password: string): void {
    const { store, sessions } = this.host;
    const slot = findAccountSlot(store.readKeyring(), actor.username);
    const named = { key: actor.username, username: actor.username };
    const wrong = 'The current password is not right; nothing was changed.';
    try {
      if (!slot) throw denied('wrong-password', wrong);
      this.attempt(named, 'user.changePassword', slot, password, wrong, wrong, 'wrong-password', false).fill(0);
    } catch (error) {
      if (this.isLocked(named.key)) sessions.endAllFor(actor.accountId);
      throw error;
    }
  }

  private now(): Date {
    return this.host.clock.now();
  }

  private isLocked(key: string): boolean {
    const now = this.now();
    const until = this.logon.peek(now).accounts[key.toLowerCase()]?.lockedUntil;
    return !!until && Date.parse(until) > now.getTime();
  }

  /**
   * One attempt at a slot: counted before the derivation runs (refused at once, after the
   * same work, while the name is locked or as many attempts are running as it has tries
   * left), then settled. Returns the master key when the secret is right.
   */
  private attempt(
    named: Named,
    operation: AttemptFor,
    slot: KeySlot,
    secret: string,
    shownWhenWrong: string,
    recordedWhenWrong: string,
    wrongCode = named.key === RECOVERY_COUNTER
      ? 'wrong-recovery-code'
      : operation === 'session.signIn'
        ? 'sign-in-refused'
        : 'wrong-password',
    logRefusals = true,
  ): Buffer {
    const now = this.now();
    const start = this.logon.update(now, (state) => {
      const begun = beginAttempt(state, named.key, now);
      if (!begun.started && logRefusals) this.refusal(state, named, this.lockedRefusal(named, operation, begun.lockedUntil));
      return begun;
    });
    if (!start.started) {
      deriveAsIfOpeningASlot(secret);
      const refusal = this.lockedRefusal(named, operation, start.lockedUntil);
      throw denied(refusal.code, refusal.shown);
    }
    let opened: ReturnType<typeof openSlot>;
    try {
      opened = openSlot(this.host.workspaceId, slot, secret);
    } catch (error) {
      this.logon.update(this.now(), (state) => endAttempt(state, named.key, start.attemptId, 'unanswered', this.now()));
      throw error;
    }
    const left = this.logon.update(this.now(), (state) => {
      const remaining = endAttempt(state, named.key, start.attemptId, opened.ok ? 'right' : 'wrong', this.now());
      if (!opened.ok && logRefusals) {
        const tail = this.triesLeft(named, remaining);
        this.refusal(state, named, { operation, code: wrongCode, shown: shownWhenWrong + tail, recorded: recordedWhenWrong + tail });
      }
      return remaining;
    });
    if (!opened.ok) throw denied(wrongCode, shownWhenWrong + this.triesLeft(named, left, operation === 'user.changePassword'));
    return opened.masterKey;
  }

  /** No slot for the name (disabled, or no account): the work a slot would take, the same answer, the true reason logged. */
  private refuseWithoutSlot(keyring: Keyring, name: string, password: string): never {
    const retired = keyring.retired.some((r) => r.username === name);
    // The unknown name's fingerprint is itself the work of a slot; a disabled name does it plainly.
    const named = retired ? { key: name, username: name } : this.unknown(name, keyring);
    if (retired) deriveAsIfOpeningASlot(password);
    const now = this.now();
    const refusal = this.logon.update(now, (state): Refusal => {
      const begun = beginAttempt(state, named.key, now);
      if (!begun.started) return this.refusal(state, named, this.lockedRefusal(named, 'session.signIn', begun.lockedUntil));
      const tail = this.triesLeft(named, endAttempt(state, named.key, begun.attemptId, 'wrong', now));
      return this.refusal(state, named, {
        operation: 'session.signIn',
        code: 'sign-in-refused',
        shown: NO_MATCH + tail,
        recorded:
          (retired ? `The account ${name} is disabled.` : `An unknown account was tried (name fingerprint ${named.fingerprint}).`) + tail,
      });
    });
    throw denied(refusal.code, refusal.shown);
  }

  /** A name that is no account, as its fingerprint (the sign-in key is made here in a workspace older than it). */
  private unknown(name: string, keyring: Keyring): Named {
    let key = keyring.signInKey;
    if (!key) {
      this.logon.update(this.now(), () => {
        const current = this.host.store.readKeyring();
        key = current.signInKey ?? newSignInKey();
        if (!current.signInKey) this.host.store.updateKeyring((k) => ({ ...k, signInKey: key }));
      });
    }
    const fingerprint = nameFingerprint(name, key!, this.host.workspaceId);
    return { key: `?${fingerprint}`, username: null, fingerprint };
  }

  private lockedRefusal(named: Named, operation: AttemptFor, until: Date | null): Refusal {
    const what = named.key === RECOVERY_COUNTER ? 'Recovery' : named.username ? `Sign-in as ${named.username}` : 'Sign-in with that name';
    const recordedWhat =
      named.key === RECOVERY_COUNTER
        ? 'Recovery'
        : named.username
          ? `The account ${named.username}`
          : `The unknown name ${named.fingerprint}`;
    if (!until) {
      const sentence = 'attempts are already being checked as there are tries left before the lock; try again in a moment.';
      return {
        operation,
        code: 'account-locked',
        shown: `${what}: as many ${sentence}`,
        recorded: `${recordedWhat}: as many ${sentence}`,
      };
    }
    const tail = `is locked after ${MAX_FAILED_SIGN_INS} failed attempts until ${until.toISOString()} (${LOCKOUT_MINUTES} minutes); try again then, or ask the commander.`;
    return { operation, code: 'account-locked', shown: `${what} ${tail}`, recorded: `${recordedWhat} ${tail}` };
  }

  private triesLeft(named: Named, left: number, signedOut = false): string {
    const subject = named.key === RECOVERY_COUNTER ? 'Recovery' : 'The account';
    if (left === 0) return ` ${subject} is now locked for ${LOCKOUT_MINUTES} minutes${signedOut ? ' and signed out' : ''}.`;
    return ` ${left} more failed attempt${left === 1 ? '' : 's'} will lock it for ${LOCKOUT_MINUTES} minutes.`;
  }

  /** Log a refusal: now if the store is open in this process, else in the logon-state file until the next sign-in. */
  private refusal(state: LogonState, named: Named, refusal: Refusal): Refusal {
    const event = {
      at: this.now().toISOString(),
      username: named.username ?? '',
      ...(named.fingerprint ? { nameFingerprint: named.fingerprint } : {}),
      operation: refusal.operation,
      reason: refusal.recorded,
      workstation: this.host.workstation,
    };
    const db = this.host.store.db;
    if (db) db.transaction(() => this.appendRefusal(db, { id: '', ...event }, false))();
    else addPending(state, event);
    return refusal;
  }

  /**
   * The refusals that waited for the store, into the log; under the file's lock, so none is
   * lost to a sign-in running beside this one, and each only once (by its id). Counters of
   * names that are no account, from before names were fingerprinted, are dropped with them.
   */
  private flushPending(db: Db, state: LogonState, keyring: Keyring): void {
    const logged = db.prepare("SELECT 1 FROM audit_log WHERE at = ? AND json_extract(objects, '$.pendingId') = ? LIMIT 1");
    for (const event of state.pending) {
      if (!logged.get(event.at, event.id)) this.appendRefusal(db, event, true, keyring);
    }
    state.pending = [];
    const names = new Set([...keyring.slots.map((s) => s.username), ...keyring.retired.map((r) => r.username)]);
    for (const key of Object.keys(state.accounts)) {
      if (!key.startsWith('?') && key !== RECOVERY_COUNTER && !names.has(key)) delete state.accounts[key];
    }
  }

  /**
   * `waited`: the refusal happened while the store was closed and is written now. A name in
   * an older file that is no account is written as its fingerprint, never as typed.
   */
  private appendRefusal(db: Db, event: PendingLogonEvent, waited: boolean, keyring?: Keyring): void {
    const row = event.username ? findAccount(db, event.username) : undefined;
    let fingerprint = event.nameFingerprint;
    let reason = event.reason;
    if (event.username && !row && keyring) {
      fingerprint = this.unknown(event.username, keyring).fingerprint;
      reason = `An unknown account was tried (name fingerprint ${fingerprint}).`;
    }
    const known = event.username && (row || !keyring);
    appendAuditEntry(
      db,
      this.host.workspaceId,
      auditEntry({
        at: event.at,
        actor: { accountId: row?.id ?? null, username: known ? event.username : null, fullName: row?.fullName ?? null },
        role: null,
        operation: event.operation,
        objects: {
          ...(waited ? { recordedBeforeSignIn: true, pendingId: event.id } : {}),
          ...(fingerprint ? { unknownAccount: { nameFingerprint: fingerprint } } : {}),
        },
        outcome: 'denied',
        reason,
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
