/**
 * Every failure a person can see is a CustodianError: one sentence that says what
 * happened and what to do. `kind` decides the CLI exit code and the audit outcome.
 */
export type ErrorKind =
  /** authentication, permission, lockout, training, missing purpose: exit 3, audited "denied" */
  | 'denied'
  /** the caller's input is not acceptable (bad flag value, weak password): exit 2 */
  | 'invalid'
  /** the thing asked for does not exist */
  | 'not-found'
  /** anything else that stopped the work: exit 1, audited "error" */
  | 'failed';

/** One problem with one input field, for showing next to that field. */
export interface FieldIssue {
  /** the field's path in the operation's input, e.g. "username" or "requiredCourses.1" */
  path: string;
  message: string;
}

export class CustodianError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** a short code other programs can match on, e.g. "wrong-password" */
    readonly code: string = kind,
    /** for "invalid-input": each field the input was refused for */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'CustodianError';
  }

  /**
   * What the access log keeps instead of the message, when the message quotes what must
   * not go into a permanent record (a line of the file being imported): see `withRecorded`.
   */
  recorded?: string;
}

/** The same error, with what the access log keeps in place of its message. */
export function withRecorded(error: CustodianError, recorded: string): CustodianError {
  const copy = new CustodianError(error.kind, error.message, error.code, error.issues);
  copy.recorded = recorded;
  return copy;
}

export const denied = (code: string, message: string) => new CustodianError('denied', message, code);
export const invalid = (code: string, message: string, issues: readonly FieldIssue[] = []) =>
  new CustodianError('invalid', message, code, issues);
export const notFound = (code: string, message: string) => new CustodianError('not-found', message, code);
export const failed = (code: string, message: string) => new CustodianError('failed', message, code);

/** A message as a sentence, ending in one full stop (for joining messages from elsewhere). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
