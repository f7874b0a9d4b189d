import type { OperationName, OpParsedInput } from '../../contract/operations';
import { ROLE_GRANTERS, roleGranting } from '../../contract/permissions';
import type { Role } from '../../contract/roles';
import { isoDay } from '../clock';
import { denied, invalid, notFound } from '../errors';
import type { OperationContext } from '../gate/context';
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
} from './accounts';
import { currentLockouts } from './lockouts';
import { assertAcceptablePassword } from './passwords';
import { insertTrainingRecord, listTrainingRecords } from './training';

type In<K extends OperationName> = OpParsedInput<K>;

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

/** An account as the screens show it, with its sign-in lock. */
function view(ctx: OperationContext, username: string) {
  return accountView(ctx.db, findAccount(ctx.db, username)!, ctx.now, currentLockouts(ctx)(username));
}

/** People, their sessions, passwords, training and the workspace's keys. */
export const authHandlers = {
  'session.whoami': (ctx: OperationContext) => describeMe(ctx.db, ctx.actor, ctx.now),

  'session.signOut': (ctx: OperationContext) => {
    ctx.sessions.end(ctx.token);
    return { signedOut: true as const };
  },

  'user.add': (ctx: OperationContext, input: In<'user.add'>) => {
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
    return view(ctx, input.username);
  },

  'user.list': (ctx: OperationContext) => {
    const locked = currentLockouts(ctx);
    return listAccounts(ctx.db).map((row) => accountView(ctx.db, row, ctx.now, locked(row.username)));
  },

  'user.disable': (ctx: OperationContext, { username }: In<'user.disable'>) => {
    const row = existingAccount(ctx, username);
    if (row.id === ctx.actor.accountId) throw invalid('cannot-disable-self', 'You cannot disable your own account.');
    if (row.status === 'disabled') throw invalid('already-disabled', `${username} is already disabled.`);
    // Only a commander may disable a commander, and nobody may disable themself,
    // so the last active commander always stays.
    assertMayGrantAll(ctx, rolesOf(ctx.db, row.id), (role) => `disable someone with the ${role} role`);
    disableAccount(ctx.db, row.id, ctx.actor.accountId, ctx.now.toISOString());
    ctx.keys.retireAccount(username);
    ctx.sessions.endAllFor(row.id);
    return view(ctx, username);
  },

  'user.setConfidential': (ctx: OperationContext, { username, authorized }: In<'user.setConfidential'>) => {
    const row = existingAccount(ctx, username);
    setConfidential(ctx.db, row.id, authorized);
    return view(ctx, username);
  },

  'user.changePassword': (ctx: OperationContext, { currentPassword, newPassword }: In<'user.changePassword'>) => {
    ctx.keys.assertOwnPassword(ctx.actor, currentPassword);
    if (newPassword === currentPassword) throw invalid('same-password', 'The new password must differ from the current one.');
    assertAcceptablePassword(newPassword, ctx.actor.username);
    markPasswordChanged(ctx.db, ctx.actor.accountId, ctx.now.toISOString());
    ctx.keys.setAccountSecret(ctx.actor.username, newPassword);
    ctx.touch({ account: ctx.actor.username });
    return { changed: true as const };
  },

  'training.record': (ctx: OperationContext, input: In<'training.record'>) => {
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

  'training.list': (ctx: OperationContext, { username }: In<'training.list'>) =>
    listTrainingRecords(ctx.db, username === undefined ? undefined : existingAccount(ctx, username).id),

  'workspace.rekey': (ctx: OperationContext) => ({ slotsResealed: ctx.keys.rotateMasterKey() }),
};
