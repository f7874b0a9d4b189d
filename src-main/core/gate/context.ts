import type { HomeItemId } from '../../contract/home';
import type { OperationName, OpParsedInput } from '../../contract/operations';
import type { Settings } from '../../contract/schemas';
import type { Actor, SessionTable } from '../auth/sessions';
import type { UploadStore } from '../intake/staging';
import type { Db } from '../store/database';
import type { WorkspaceFiles } from '../store/paths';

/** What the gate may ask of the workspace that hosts it. */
export interface GateHost {
  readonly workspaceId: string;
  readonly workstation: string;
  readonly sessions: SessionTable;
  readonly keys: KeyOperations;
  readonly files: WorkspaceFiles;
  readonly uploads: UploadStore;
  now(): Date;
  /**
   * A copy of the master key, for work that opens its own connection to the store in a
   * worker thread (imports). The caller wipes it when the connection is open.
   */
  masterKey(): Buffer;
  /** the open store, or undefined while nobody has signed in */
  database(): Db | undefined;
}

/** Key-slot work the keyring owns; handlers reach it only through the gate's context. */
export interface KeyOperations {
  /** create or replace a person's key slot, sealed with the current master key */
  setAccountSecret(username: string, password: string): void;
  /** remove a person's key slot (their account was disabled) */
  retireAccount(username: string): void;
  /** throws "denied" when the password is not this person's; counts towards the lockout */
  assertOwnPassword(actor: Actor, password: string): void;
  /** rotate the master key; returns how many slots were resealed */
  rotateMasterKey(): number;
}

/** A touched object, for the access log: what kind of thing and which. */
export type Touched = Record<string, string | number | boolean | null>;

/** Everything a handler receives. It cannot be made without the gate. */
export interface OperationContext {
  /** the store as it was when the call was admitted */
  readonly db: Db;
  /** the store as it is now: work in steps asks again at each step, as rotating the key reopens it */
  store(): Db;
  readonly actor: Actor;
  /** Custodian runs this on its own (the scheduled purge): `actor` is then no person */
  readonly byProgram: boolean;
  readonly now: Date;
  readonly workspaceId: string;
  /** this computer's name, as the access log records it */
  readonly workstation: string;
  readonly token: string;
  readonly settings: Settings;
  readonly keys: KeyOperations;
  readonly sessions: SessionTable;
  readonly files: WorkspaceFiles;
  readonly uploads: UploadStore;
  /** see GateHost.masterKey */
  masterKey(): Buffer;
  /** the time now (work in steps outlives `now`, the time the call was admitted) */
  clock(): Date;
  touch(object: Touched): void;
  /** for operations that stream: hand a piece of the result to the caller's sink */
  write(chunk: string): void;
}

/** Where a streaming operation's result goes, given by the front door that called it. */
export type Sink = (chunk: string) => void;

/**
 * Whether a call names confidential state or federal data (427.4(e)): what it touches, in
 * words ("the hot list NCIC stolen vehicles (NCIC)"), or null. A feature holding such data
 * gives a check for each operation that can name it; the gate runs it after the training
 * and purpose checks and refuses a person without the commander's authorisation.
 */
export type ConfidentialCheck<K extends OperationName> = (db: Db, input: OpParsedInput<K>) => string | null;
export type ConfidentialChecks = { [K in OperationName]?: ConfidentialCheck<K> };

/** An access-log entry a feature writes when the store opens: the program did it, not a person. */
export interface StoreOpenedEvent {
  operation: string;
  objects: Record<string, unknown>;
  outcome: 'ok' | 'error';
  reason: string;
}

/**
 * Work a feature does each time the store opens, before anyone uses it (an import whose
 * process died is marked interrupted); it runs in one transaction with the entries it returns.
 */
export type StoreOpenedHook = (db: Db, now: Date) => StoreOpenedEvent[];

/**
 * A count for the home screen (`home.tiles`, contract/home.ts), made by the feature that holds
 * what it counts, for the person asking (an alert list they may not open is not counted for
 * them). It must be cheap: an index or a small table, never a walk of the plate reads.
 */
export type HomeCount = (ctx: OperationContext) => number | HomeFigure;
/** A count with a sentence more (contract/home.ts `detail`). */
export interface HomeFigure {
  count: number;
  detail: string;
}
/** A feature's home counts, by item; the handler table puts every feature's together. */
export type HomeCounts = { [K in HomeItemId]?: HomeCount };
