import crypto from 'node:crypto';
import fs from 'node:fs';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { failed } from '../errors';
import { readJsonFile, writeFileAtomic } from '../store/files';

/**
 * Failed sign-ins happen before the database can be opened (the password is what opens
 * it), so their counters and their access-log entries wait in this small plain file.
 * The entries are moved into the hash-chained log at the next successful sign-in.
 * The file holds account names (a name that is no account only as its fingerprint),
 * times and reasons, never a password or key.
 *
 * Several processes may sign in at once (the desktop app, the command line, many
 * commands started together), so every change of the file is made under one lock
 * (`LogonStateFile.update`): read, change, write, with nobody else in between. An attempt
 * is counted before its key derivation starts, so guesses started together cannot all be
 * tried before the lockout counts them.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 10;
/** An attempt still running after this long belongs to a process that died; it stops counting. */
const ATTEMPT_EXPIRES_MS = 60_000;
/** How long a change waits for the lock before giving up; the lock is held for milliseconds. */
const LOCK_WAIT_MS = 10_000;
/** A lock left by a process that died is taken over after this long. */
const LOCK_STALE_MS = 15_000;

const pendingEventSchema = z.object({
  /** random: the event is written into the log once, even if a sign-in dies between writing it and forgetting it here */
  id: z.string().default(() => crypto.randomUUID()),
  at: z.string(),
  /** an account's name; empty when the name tried is no account (then `nameFingerprint` says which was tried) */
  username: z.string(),
  nameFingerprint: z.string().optional(),
  operation: z.string(),
  reason: z.string(),
  workstation: z.string(),
});
export type PendingLogonEvent = z.infer<typeof pendingEventSchema>;

const counterSchema = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  /** attempts whose key derivation is running: their ids and when they began */
  attempts: z.array(z.object({ id: z.string(), startedAt: z.string() })).default([]),
});

const stateSchema = z.object({
  format: z.literal('custodian-logon-state'),
  // version 1 had no attempts and no event ids; it reads as version 2
  version: z.union([z.literal(1), z.literal(2)]).transform(() => 2 as const),
  accounts: z.record(z.string(), counterSchema),
  pending: z.array(pendingEventSchema),
});
export type LogonState = z.infer<typeof stateSchema>;

const empty = (): LogonState => ({ format: 'custodian-logon-state', version: 2, accounts: {}, pending: [] });

/** The logon-state file of a workspace; changed only under its lock. */
export class LogonStateFile {
  constructor(
    private readonly file: string,
    private readonly workstation: string,
  ) {}

  /** Read the state, change it and write it back with nobody else in between; returns what `change` returns. */
  update<T>(now: Date, change: (state: LogonState) => T): T {
    const release = this.lock();
    try {
      const state = this.read(now);
      const before = JSON.stringify(state);
      const result = change(state);
      // The file exists only while it holds something: nothing counted, nothing waiting.
      if (Object.keys(state.accounts).length === 0 && state.pending.length === 0) fs.rmSync(this.file, { force: true });
      else if (JSON.stringify(state) !== before || !fs.existsSync(this.file))
        writeFileAtomic(this.file, JSON.stringify(state, null, 2) + '\n');
      return result;
    } finally {
      release();
    }
  }

  /** The state as it is now, to look at only (a change goes through `update`). */
  peek(now: Date): LogonState {
    return this.read(now);
  }

  private read(now: Date): LogonState {
    if (!fs.existsSync(this.file)) return empty();
    let raw: unknown;
    try {
      raw = readJsonFile(this.file);
    } catch {
      raw = undefined;
    }
    const parsed = stateSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // A damaged counter file must not lock everyone out, nor pass unnoticed:
    // start over, and say so in the access log.
    const state = empty();
    addPending(state, {
      at: now.toISOString(),
      username: '',
      operation: 'session.logonStateReset',
      reason: 'the sign-in counter file was damaged or altered and was reset',
      workstation: this.workstation,
    });
    return state;
  }

  /** Take the lock, waiting (synchronously: sign-in is synchronous) while another process holds it. */
  private lock(): () => void {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        return lockfile.lockSync(this.file, { realpath: false, stale: LOCK_STALE_MS, onCompromised: () => {} });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
        if (Date.now() > deadline) {
          throw failed(
            'logon-state-busy',
            `The sign-in counter file ${this.file} stayed locked for ${LOCK_WAIT_MS / 1000} s; try again in a moment.`,
          );
        }
        Atomics.wait(PAUSE, 0, 0, 5 + Math.floor(Math.random() * 10));
      }
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export function addPending(state: LogonState, event: Omit<PendingLogonEvent, 'id'>): void {
  state.pending.push({ id: crypto.randomUUID(), ...event });
}

export function lockedUntil(state: LogonState, key: string, now: Date): Date | undefined {
  const until = state.accounts[key.toLowerCase()]?.lockedUntil;
  return until && Date.parse(until) > now.getTime() ? new Date(until) : undefined;
}

function counter(state: LogonState, key: string) {
  return state.accounts[key.toLowerCase()];
}

/** Failures within the lockout window (older ones are forgotten). */
function recentFailures(state: LogonState, key: string, now: Date): number {
  const current = counter(state, key);
  const recent = current?.lastFailureAt && now.getTime() - Date.parse(current.lastFailureAt) < LOCKOUT_MINUTES * 60_000;
  return recent ? current.failures : 0;
}

function liveAttempts(state: LogonState, key: string, now: Date) {
  return (counter(state, key)?.attempts ?? []).filter((a) => now.getTime() - Date.parse(a.startedAt) < ATTEMPT_EXPIRES_MS);
}

export type AttemptStart = { started: true; attemptId: string } | { started: false; lockedUntil: Date | null };

/**
 * Count an attempt before its key derivation runs. Refused while the name is locked, and
 * while the failures so far and the attempts still running would reach the limit: guesses
 * started together are then tried no more often than the lockout allows.
 */
export function beginAttempt(state: LogonState, key: string, now: Date): AttemptStart {
  const until = lockedUntil(state, key, now);
  if (until) return { started: false, lockedUntil: until };
  const running = liveAttempts(state, key, now);
  if (recentFailures(state, key, now) + running.length >= MAX_FAILED_SIGN_INS) return { started: false, lockedUntil: null };
  const attemptId = crypto.randomUUID();
  const current = counter(state, key);
  state.accounts[key.toLowerCase()] = {
    failures: current?.failures ?? 0,
    lastFailureAt: current?.lastFailureAt ?? null,
    lockedUntil: current?.lockedUntil ?? null,
    attempts: [...running, { id: attemptId, startedAt: now.toISOString() }],
  };
  return { started: true, attemptId };
}

/** An attempt has its answer: it stops running; a right secret clears the failures, a wrong one counts. */
export function endAttempt(
  state: LogonState,
  key: string,
  attemptId: string,
  outcome: 'right' | 'wrong' | 'unanswered',
  now: Date,
): number {
  const current = counter(state, key);
  if (current) current.attempts = current.attempts.filter((a) => a.id !== attemptId);
  if (outcome === 'right') {
    clearFailures(state, key);
    return MAX_FAILED_SIGN_INS;
  }
  if (outcome === 'unanswered') {
    // the slot could not be read at all (an altered keyring): not a guess, nothing to count
    if (current && !current.failures && !current.lockedUntil && !current.attempts.length) delete state.accounts[key.toLowerCase()];
    return MAX_FAILED_SIGN_INS - recentFailures(state, key, now);
  }
  return recordFailure(state, key, now);
}

/**
 * Count one failure; returns how many tries remain before the lock (0 = locked). Failures
 * older than the lockout window are forgotten; a failure during a lock keeps the lock.
 */
export function recordFailure(state: LogonState, key: string, now: Date): number {
  const name = key.toLowerCase();
  if (lockedUntil(state, name, now)) return 0;
  const attempts = counter(state, name)?.attempts ?? [];
  const failures = recentFailures(state, name, now) + 1;
  const at = now.toISOString();
  if (failures >= MAX_FAILED_SIGN_INS) {
    const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    state.accounts[name] = { failures: 0, lastFailureAt: at, lockedUntil: until, attempts };
    return 0;
  }
  state.accounts[name] = { failures, lastFailureAt: at, lockedUntil: null, attempts };
  return MAX_FAILED_SIGN_INS - failures;
}

/** Forget a name's failures (a right secret); attempts of it still running keep counting. */
export function clearFailures(state: LogonState, key: string): void {
  const name = key.toLowerCase();
  const attempts = counter(state, name)?.attempts ?? [];
  if (attempts.length) state.accounts[name] = { failures: 0, lastFailureAt: null, lockedUntil: null, attempts };
  else delete state.accounts[name];
}
