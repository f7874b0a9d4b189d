import type { OperationName, Operations, OpOutput, OpParsedInput } from '../../contract/operations';
import type { Role } from '../../contract/roles';
import { ROLE_GRANTERS, roleGranting } from '../../contract/permissions';
import {
  accountView,
  describeMe,
  disableAccount,
  findAccount,
  insertAccount,
  listAccounts,
  markPasswordChanged,
  rolesOf,
  setConfidential,
} from '../auth/accounts';
import { assertAcceptablePassword } from '../auth/passwords';
import { insertTrainingRecord, listTrainingRecords } from '../auth/training';
import { exportAuditLog } from '../audit/export';
import { countAuditEntries, iterateAuditEntries } from '../audit/query';
import { signCheckpoint } from '../audit/signing';
import { verifyAuditLog } from '../audit/verify';
import { isoDay } from '../clock';
import { denied, invalid, notFound } from '../errors';
import { writeSettings } from '../settings';
import { alprHoldings } from '../reads/holdings';
import type { AsyncSteps, JobResult, Steps } from '../steps';
import { importHandlers } from '../imports/handlers';
import { hotlistHandlers } from '../hotlists/handlers';
import { searchHandlers } from '../search/handlers';
import type { OperationContext } from './context';

/** A job's handler works in steps (see `Steps`); every other handler returns its result. */
type Handler<K extends OperationName> = (
  ctx: OperationContext,
  input: OpParsedInput<K>,
) => Operations[K] extends { job: true } ? Steps<JobResult<OpOutput<K>>> | AsyncSteps<JobResult<OpOutput<K>>> : OpOutput<K>;
type HandlerTable = { [K in OperationName]: Handler<K> };

/** Operations that cannot run inside a transaction (rotating the master key replaces the database file). */
export const RUNS_OUTSIDE_TRANSACTION: ReadonlySet<OperationName> = new Set<OperationName>(['workspace.rekey']);

function existingAccount(ctx: OperationContext, username: string) {
  const row = findAccount(ctx.db, username);
  if (!row) throw notFound('no-such-user', `There is no account named ${username}.`);
  ctx.touch({ account: row.username });
  return row;
}

/** Giving someone roles, or taking away a person who holds them, needs the right to grant each one. */
function assertMayGrantAll(ctx: OperationContext, roles: readonly Role[], action: (role: Role) => string): void {
  for (const role of roles) {
    if (!ROLE_GRANTERS[role].some((r) => ctx.actor.roles.includes(r))) {
      throw denied('cannot-grant-role', `Only a ${ROLE_GRANTERS[role].join(' or ')} may ${action(role)}.`);
    }
  }
}

export const handlers: HandlerTable = {
  ...importHandlers,
  ...searchHandlers,
  ...hotlistHandlers,
  'session.whoami': (ctx) => describeMe(ctx.db, ctx.actor, ctx.now),

  'session.signOut': (ctx) => {
    ctx.sessions.end(ctx.token);
    return { signedOut: true };
  },

  'user.add': (ctx, input) => {
    assertMayGrantAll(ctx, input.roles, (role) => `give someone the ${role} role`);
    if (input.confidentialAuthorized && !roleGranting('users.authorize-confidential', ctx.actor.roles)) {
      throw denied('cannot-authorize-confidential', 'Only the commander may authorise someone for confidential state or federal data.');
    }
    if (findAccount(ctx.db, input.username)) {
      throw invalid(
        'username-taken',
        `The username ${input.username} is already in use (possibly by a disabled account, whose history stays); choose another.`,
      );
    }
    assertAcceptablePassword(input.password, input.username);
    const id = insertAccount(ctx.db, { ...input, createdBy: ctx.actor.accountId, now: ctx.now.toISOString() });
    ctx.keys.setAccountSecret(input.username, input.password);
    ctx.touch({ account: input.username, accountId: id });
    return accountView(ctx.db, findAccount(ctx.db, input.username)!, ctx.now);
  },

  'user.list': (ctx) => listAccounts(ctx.db).map((row) => accountView(ctx.db, row, ctx.now)),

  'user.disable': (ctx, { username }) => {
    const row = existingAccount(ctx, username);
    if (row.id === ctx.actor.accountId) throw invalid('cannot-disable-self', 'You cannot disable your own account.');
    if (row.status === 'disabled') throw invalid('already-disabled', `${username} is already disabled.`);
    // Only a commander may disable a commander, and nobody may disable themself,
    // so the last active commander always stays.
    assertMayGrantAll(ctx, rolesOf(ctx.db, row.id), (role) => `disable someone with the ${role} role`);
    disableAccount(ctx.db, row.id, ctx.actor.accountId, ctx.now.toISOString());
    ctx.keys.retireAccount(username);
    ctx.sessions.endAllFor(row.id);
    return accountView(ctx.db, findAccount(ctx.db, username)!, ctx.now);
  },

  'user.setConfidential': (ctx, { username, authorized }) => {
    const row = existingAccount(ctx, username);
    setConfidential(ctx.db, row.id, authorized);
    return accountView(ctx.db, findAccount(ctx.db, username)!, ctx.now);
  },

  'user.changePassword': (ctx, { currentPassword, newPassword }) => {
    ctx.keys.assertOwnPassword(ctx.actor, currentPassword);
    if (newPassword === currentPassword) throw invalid('same-password', 'The new password must differ from the current one.');
    assertAcceptablePassword(newPassword, ctx.actor.username);
    markPasswordChanged(ctx.db, ctx.actor.accountId, ctx.now.toISOString());
    ctx.keys.setAccountSecret(ctx.actor.username, newPassword);
    ctx.touch({ account: ctx.actor.username });
    return { changed: true };
  },

  'training.record': (ctx, input) => {
    const row = existingAccount(ctx, input.username);
    if (input.completedOn > isoDay(ctx.now)) throw invalid('future-training', `The completion date ${input.completedOn} is in the future.`);
    if (input.expiresOn && input.expiresOn <= input.completedOn) {
      throw invalid(
        'expiry-before-completion',
        `The expiry date ${input.expiresOn} must come after the completion date ${input.completedOn}.`,
      );
    }
    const record = insertTrainingRecord(ctx.db, {
      accountId: row.id,
      course: input.course,
      completedOn: input.completedOn,
      expiresOn: input.expiresOn ?? null,
      recordedBy: ctx.actor.accountId,
      recordedAt: ctx.now.toISOString(),
    });
    ctx.touch({ trainingRecord: record.id });
    return record;
  },

  'training.list': (ctx, { username }) =>
    listTrainingRecords(ctx.db, username === undefined ? undefined : existingAccount(ctx, username).id),

  'settings.get': (ctx) => ctx.settings,
  'settings.update': (ctx, changes) => writeSettings(ctx.db, changes),

  'audit.query': (ctx, { offset, limit, ...filter }) => ({
    total: countAuditEntries(ctx.db, filter),
    entries: [...iterateAuditEntries(ctx.db, filter, { offset, limit })],
  }),
  'audit.export': function* (ctx, { format, ...filter }) {
    const summary = yield* exportAuditLog(ctx.store, filter, format, ctx.write);
    ctx.touch({ format, exported: summary.entries, sha256: summary.sha256 });
    return summary;
  },
  'audit.verify': (ctx, { checkpoint }) => verifyAuditLog(ctx.store, ctx.workspaceId, checkpoint),
  'audit.checkpoint': (ctx) => {
    const file = signCheckpoint(ctx.db, ctx.workspaceId, ctx.now);
    ctx.touch({ checkpointSeq: file.seq });
    return file;
  },

  'workspace.rekey': (ctx) => ({ slotsResealed: ctx.keys.rotateMasterKey() }),

  'alpr.holdings': (ctx) => alprHoldings(ctx.db),
};
