import type { z } from 'zod';
import { accessReasonSchema, NOT_ONE_LINE, type AccessReason } from '../../contract/schemas';
import { oneLine, sentence } from '../../contract/sentences';
import { isOperationName, operations, type OperationName, type OperationSpec } from '../../contract/operations';
import { PERMISSIONS, roleGranting } from '../../contract/permissions';
import type { Role } from '../../contract/roles';
import { appendAuditEntry, type NewAuditEntry } from '../audit/chain';
import { auditEntry } from '../audit/entry';
import { actorFor, findAccount } from '../auth/accounts';
import type { Actor } from '../auth/sessions';
import type { Db } from '../store/database';
import { trainingStatus } from '../auth/training';
import { asSentence, CustodianError, denied, failed, invalid, type FieldIssue } from '../errors';
import { purposeProblem } from '../purpose';
import { readSettings } from '../settings/settings';
import type { JobProgress } from '../../contract/transport';
import { isCommitWithRecord, runToEnd, type AsyncSteps, type Steps } from '../steps';
import type { GateHost, OperationContext, Sink, Touched } from './context';
import { confidentialChecks, handlers, RUNS_OUTSIDE_TRANSACTION } from './handlers';

/** Input fields never written to the access log. */
const SECRET_KEY = /password|passphrase|recovery/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[not recorded]' : redactSecrets(v)]),
    );
  }
  return value;
}

/**
 * Every issue of a refused input as a sentence, each naming in brackets the field it is
 * about (its path in the input, as the command line and the wire spell it): "A username is
 * 2 to 32 letters … (username). Give at least one role (roles)." Zod reports every field.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const text = sentence(issue.message);
      if (issue.path.length === 0) return text;
      const end = /[.!?]$/.test(text) ? text.length - 1 : text.length;
      return `${text.slice(0, end)} (${issue.path.join('.')})${text.slice(end) || '.'}`;
    })
    .join(' ');
}

/** The refused fields of an input, each with its own sentence, for the screen to place beside it. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.filter((i) => i.path.length > 0).map((i) => ({ path: i.path.join('.'), message: sentence(i.message) }));
}

/** What `dispatchJob` needs from the job runner: a way out and somewhere to report. */
export interface JobControl {
  signal: AbortSignal;
  onProgress(progress: JobProgress): void;
}

interface Admission {
  spec: OperationSpec<z.ZodType, z.ZodType>;
  context: OperationContext;
  input: unknown;
  handler: (ctx: OperationContext, input: unknown) => unknown;
  /** log the call's outcome, in its own transaction, in the store as it is now */
  record(outcome: NewAuditEntry['outcome'], reason: string | null): void;
  /** log a failure and turn it into the CustodianError the caller sees */
  fail(error: unknown): CustodianError;
}

/**
 * The gate. Every call from every front door comes through here, in this order:
 * session valid and unlocked, input well-formed, role permits, training current and
 * case and purpose given for ALPR data, then the work and its access-log entry in one
 * transaction. Refusals and failures are logged too, with their reason.
 */
export function dispatch(
  host: GateHost,
  token: string,
  name: string,
  rawInput: unknown,
  access?: Partial<AccessReason>,
  sink?: Sink,
): unknown {
  const { spec, context, input, handler, record, fail } = admit(host, token, name, rawInput, access, sink);
  const run = () => {
    const result = handler(context, input);
    const output = spec.output.parse(spec.job ? runToEnd(result as Steps<unknown>) : result);
    record('ok', null);
    return output;
  };
  try {
    return RUNS_OUTSIDE_TRANSACTION.has(name as OperationName) ? run() : context.db.transaction(run).immediate();
  } catch (error) {
    throw fail(error);
  }
}

/**
 * The gate for a long job: the same checks as `dispatch`, then the work step by step,
 * giving the event loop a turn between steps so the app keeps answering, and stopping
 * when the signal says so. One access-log entry records how it ended.
 */
export async function dispatchJob(
  host: GateHost,
  token: string,
  name: string,
  rawInput: unknown,
  access: Partial<AccessReason> | undefined,
  control: JobControl,
  sink?: Sink,
): Promise<unknown> {
  if (isOperationName(name) && !(operations[name] as OperationSpec<z.ZodType, z.ZodType>).job)
    throw invalid('not-a-job', `"${name}" does not run as a job.`);
  return runJob(admit(host, token, name, rawInput, access, sink), control);
}

/**
 * A job Custodian runs on its own (`runsOnSchedule` in the contract: the daily purge), in a
 * store someone's sign-in opened: no session, role or training to check, since no person
 * asked; the access log records it with no person named, like the store's own work at opening.
 */
export function dispatchProgramJob(host: GateHost, name: OperationName, rawInput: unknown, control: JobControl): Promise<unknown> {
  if (!(operations[name] as OperationSpec<z.ZodType, z.ZodType>).runsOnSchedule)
    throw invalid('not-scheduled', `"${name}" is not work Custodian runs on its own.`);
  return runJob(admit(host, BY_PROGRAM, name, rawInput, undefined), control);
}

async function runJob({ spec, context, input, handler, record, fail }: Admission, control: JobControl): Promise<unknown> {
  try {
    const steps = handler(context, input) as Steps<unknown> | AsyncSteps<unknown>;
    for (;;) {
      const step = await steps.next();
      if (step.done) {
        if (!isCommitWithRecord(step.value)) {
          const output = spec.output.parse(step.value);
          record('ok', null);
          return output;
        }
        const last = step.value;
        let committed = false;
        try {
          const store = context.store();
          store.transaction(() => {
            last.commit(store);
            record('ok', null);
          })();
          committed = true;
          return spec.output.parse(last.output(store));
        } finally {
          last.settled(committed);
        }
      }
      control.onProgress(step.value);
      await new Promise((resolve) => setImmediate(resolve));
      if (control.signal.aborted) {
        await steps.return(undefined);
        const by = context.byProgram ? 'as Custodian closed' : `by ${context.actor.fullName}`;
        throw failed('cancelled', `${spec.summary}: cancelled ${by} before it finished.`);
      }
    }
  } catch (error) {
    throw fail(error);
  }
}

/** The caller of `dispatchProgramJob`: Custodian itself, not a session. */
const BY_PROGRAM = Symbol('Custodian itself');

/**
 * Who the program is to a handler. Its entries name no one (the actor is left out of them);
 * `byProgram` in the context tells a handler that records who ran it (the purge's run).
 */
const PROGRAM_ACTOR: Actor = { accountId: 0, username: '', fullName: 'Custodian (scheduled)', roles: [], confidentialAuthorized: false };

function admit(
  host: GateHost,
  token: string | typeof BY_PROGRAM,
  name: string,
  rawInput: unknown,
  access: Partial<AccessReason> | undefined,
  sink?: Sink,
): Admission {
  if (!isOperationName(name)) throw invalid('unknown-operation', `There is no operation called "${name}".`);
  const spec: OperationSpec<z.ZodType, z.ZodType> = operations[name];
  if (spec.streams && !sink) throw invalid('no-destination', `${spec.summary}: say where the result should be written.`);
  const db = host.database();
  if (!db) throw denied('not-signed-in', 'You are not signed in. Sign in first.');
  const now = host.now();
  const settings = readSettings(db);

  let actor: Actor | undefined;
  let role: Role | null = null;
  let recordedInput: unknown;
  // Kept for ever and read on one line: a case or purpose given with a line break (refused for ALPR data) is logged without it.
  const recordedAccess = access && {
    caseNumber: access.caseNumber === undefined ? undefined : oneLine(access.caseNumber),
    purpose: access.purpose === undefined ? undefined : oneLine(access.purpose),
  };
  const touched: Touched[] = [];
  // The store is asked for again at each entry: rotating the master key reopens it.
  const audit = (outcome: NewAuditEntry['outcome'], reason: string | null) =>
    appendAuditEntry(
      host.database() ?? db,
      host.workspaceId,
      auditEntry({
        at: now,
        actor: actor ?? null,
        role,
        operation: name,
        objects: { ...(recordedInput === undefined ? {} : { input: recordedInput }), ...(touched.length ? { touched } : {}) },
        access: recordedAccess,
        outcome,
        reason,
        workstation: host.workstation,
      }),
    );
  const refuse = (code: string, message: string): never => {
    db.transaction(() => audit('denied', message))();
    throw denied(code, message);
  };

  const byProgram = token === BY_PROGRAM;
  if (!byProgram) {
    const session = host.sessions.use(token, now, settings.idleMinutes);
    if (session.state === 'unknown') refuse('not-signed-in', 'You are not signed in, or your session has ended. Sign in again.');
    else actor = currentActor(db, session.actor);
    if (session.state === 'locked' && !spec.allowedWhenLocked) {
      refuse(
        'session-locked',
        `Your session locked after ${settings.idleMinutes} minutes without activity. Enter your password to unlock it.`,
      );
    }
  }
  const who = actor ?? PROGRAM_ACTOR;

  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const message = `${spec.summary}: ${describeZodError(parsed.error)}`;
    recordedInput = redactSecrets(rawInput);
    db.transaction(() => audit('error', message))();
    throw invalid('invalid-input', message, fieldIssues(parsed.error));
  }
  recordedInput = redactSecrets(parsed.data);

  role = spec.permission === 'self' ? (who.roles[0] ?? null) : (roleGranting(spec.permission, who.roles) ?? null);
  if (!role && !byProgram) {
    const allowed = (PERMISSIONS[spec.permission as keyof typeof PERMISSIONS] as readonly Role[]).join(', ');
    refuse('not-permitted', `${who.fullName} may not do this (${spec.summary.toLowerCase()}): it needs one of the roles ${allowed}.`);
  }

  if (spec.data !== 'none' && !byProgram) {
    const training = trainingStatus(db, who.accountId, settings.requiredCourses, now);
    if (!training.current) {
      const closed =
        spec.data === 'alpr-intake' ? `${who.fullName} may not bring ALPR data in` : `ALPR data stays closed to ${who.fullName}`;
      refuse(
        'training-required',
        `${training.detail} ${closed} until current training is recorded (policy 427.4(d)); ask an administrator.`,
      );
    }
  }
  if (spec.data === 'alpr' && !byProgram) {
    const given = accessReasonSchema.safeParse(access ?? {});
    if (!given.success) {
      const notOneLine = given.error.issues.find((issue) => Object.values<string>(NOT_ONE_LINE).includes(issue.message));
      if (notOneLine) refuse('purpose-one-line', `${notOneLine.message} Write it on one line (policy 427.6(b)).`);
      refuse(
        'purpose-required',
        'ALPR data is opened only for a documented law-enforcement purpose: give the case number and the purpose (policy 427.6(b)).',
      );
    }
    const problem = purposeProblem(given.data!.purpose, settings.vaguePurposes);
    if (problem) refuse('purpose-vague', problem);
    const check = confidentialChecks[name as OperationName] as ((db: Db, input: unknown) => string | null) | undefined;
    const confidential = check?.(db, parsed.data) ?? null;
    if (confidential && !who.confidentialAuthorized) {
      refuse(
        'confidential-required',
        `${confidential[0]!.toUpperCase()}${confidential.slice(1)} is confidential state or federal data: ${who.fullName} is not authorised for it (policy 427.4(e)). The commander can grant the authorisation.`,
      );
    }
  }

  const context: OperationContext = {
    db,
    store: () => {
      const current = host.database();
      if (!current) throw failed('store-closed', 'The workspace was closed while the work was running.');
      return current;
    },
    actor: who,
    byProgram,
    now,
    workspaceId: host.workspaceId,
    workstation: host.workstation,
    token: byProgram ? '' : token,
    settings,
    keys: host.keys,
    sessions: host.sessions,
    files: host.files,
    uploads: host.uploads,
    masterKey: () => host.masterKey(),
    clock: () => host.now(),
    touch: (object) => touched.push(object),
    write: (chunk) => sink!(chunk),
  };
  const record = (outcome: NewAuditEntry['outcome'], reason: string | null) => {
    const store = host.database() ?? db;
    store.transaction(() => audit(outcome, reason))();
  };
  return {
    spec,
    context,
    input: parsed.data,
    handler: handlers[name] as Admission['handler'],
    record,
    fail: (error) => {
      const problem = asCustodianError(error);
      record(problem.kind === 'denied' ? 'denied' : 'error', problem.recorded ?? problem.message);
      return problem;
    },
  };
}

/**
 * The person as the store has them now, not as they were at sign-in: a role taken away or
 * the confidential-data authorisation revoked (427.4(e)) counts from the next call. A
 * disabled account's sessions were ended when it was disabled.
 */
function currentActor(db: Db, signedIn: Actor): Actor {
  const row = findAccount(db, signedIn.username);
  return row && row.status === 'active' ? actorFor(db, row) : signedIn;
}

function asCustodianError(error: unknown): CustodianError {
  if (error instanceof CustodianError) return error;
  return failed('internal', `The operation failed: ${asSentence((error as Error)?.message ?? String(error))}`);
}
