import type { TransportErrorData } from '../../src-main/contract/transport';

/** A refusal or failure from the services, carrying the gate's own sentence and code. */
export class GateError extends Error {
  readonly kind: TransportErrorData['kind'];
  readonly code: string;
  /** for "invalid-input": each refused field with its own sentence */
  readonly issues: readonly { path: string; message: string }[];

  constructor(data: TransportErrorData) {
    super(data.message);
    this.name = 'GateError';
    this.kind = data.kind;
    this.code = data.code;
    this.issues = data.issues ?? [];
  }
}

/** How a job that was cancelled ends: its result rejects with this. */
export function jobCancelled(): GateError {
  return new GateError({ kind: 'failed', code: 'cancelled', message: 'Cancelled before it finished.' });
}

/** A readable sentence for anything thrown, for showing next to what caused it. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
