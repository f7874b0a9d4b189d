import { CustodianError } from '../core/errors';

/** The exit codes other tools rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, denied: 3 } as const;

/** A mistake in how the command was called: exit 2. */
export class UsageError extends Error {}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof CustodianError) {
    if (error.kind === 'denied') return EXIT.denied;
    if (error.kind === 'invalid') return EXIT.usage;
    return EXIT.failed;
  }
  return EXIT.failed;
}
