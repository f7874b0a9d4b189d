import fs from 'node:fs';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../store/files';

/**
 * Failed sign-ins happen before the database can be opened (the password is what opens
 * it), so their counters and their access-log entries wait in this small plain file.
 * The entries are moved into the hash-chained log at the next successful sign-in.
 * The file holds usernames and times only, never a password or key.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 10;

const pendingEventSchema = z.object({
  at: z.string(),
  username: z.string(),
  operation: z.string(),
  reason: z.string(),
  workstation: z.string(),
});
export type PendingLogonEvent = z.infer<typeof pendingEventSchema>;

const stateSchema = z.object({
  format: z.literal('custodian-logon-state'),
  version: z.literal(1),
  accounts: z.record(
    z.string(),
    z.object({ failures: z.number().int().min(0), lastFailureAt: z.string().nullable(), lockedUntil: z.string().nullable() }),
  ),
  pending: z.array(pendingEventSchema),
});
export type LogonState = z.infer<typeof stateSchema>;

const empty = (): LogonState => ({ format: 'custodian-logon-state', version: 1, accounts: {}, pending: [] });

export function loadLogonState(file: string, workstation: string, now: Date): LogonState {
  if (!fs.existsSync(file)) return empty();
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch {
    raw = undefined;
  }
  const parsed = stateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A damaged counter file must not lock everyone out, nor pass unnoticed:
  // start over, and say so in the access log.
  const state = empty();
  state.pending.push({
    at: now.toISOString(),
    username: '',
    operation: 'session.logonStateReset',
    reason: 'the sign-in counter file was damaged or altered and was reset',
    workstation,
  });
  return state;
}

export function saveLogonState(file: string, state: LogonState): void {
  writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
}

export function lockedUntil(state: LogonState, username: string, now: Date): Date | undefined {
  const until = state.accounts[username.toLowerCase()]?.lockedUntil;
  return until && Date.parse(until) > now.getTime() ? new Date(until) : undefined;
}

/**
 * Count one failure; returns how many tries remain before the lock (0 = locked). Failures
 * older than the lockout window are forgotten; a failure during a lock keeps the lock.
 */
export function recordFailure(state: LogonState, username: string, now: Date): number {
  const key = username.toLowerCase();
  if (lockedUntil(state, key, now)) return 0;
  const current = state.accounts[key];
  const recent = current?.lastFailureAt && now.getTime() - Date.parse(current.lastFailureAt) < LOCKOUT_MINUTES * 60_000;
  const failures = (recent ? current.failures : 0) + 1;
  const at = now.toISOString();
  if (failures >= MAX_FAILED_SIGN_INS) {
    state.accounts[key] = { failures: 0, lastFailureAt: at, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() };
    return 0;
  }
  state.accounts[key] = { failures, lastFailureAt: at, lockedUntil: null };
  return MAX_FAILED_SIGN_INS - failures;
}

export function clearFailures(state: LogonState, username: string): void {
  delete state.accounts[username.toLowerCase()];
}
