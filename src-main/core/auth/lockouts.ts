import type { OperationContext } from '../gate/context';
import { lockedUntil, LogonStateFile } from './logon-state';

/**
 * Whose sign-in is locked now (5 failed attempts lock a name for 10 minutes), read once from
 * logon-state.json without changing it: for an account's name, the end of its lock, if any.
 * (Counters of names that are no account are kept under fingerprints, never asked for here.)
 */
export function currentLockouts(ctx: OperationContext): (username: string) => Date | undefined {
  const state = new LogonStateFile(ctx.files.logonState, ctx.workstation).peek(ctx.now);
  return (username) => lockedUntil(state, username, ctx.now);
}
