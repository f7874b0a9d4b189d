import type { Command } from 'commander';
import { ROLE_TITLES, ROLES, type Role } from '../../contract/roles';
import { inPeopleView, PEOPLE_VIEW_LABELS, PEOPLE_VIEWS, type PeopleView } from '../../contract/home';
import type { Account } from '../../contract/schemas';
import { emit, table } from '../output';
import { readSecret } from '../secrets';
import { globals, requireUser, signInPassword, callAs } from '../session';
import { UsageError } from '../errors';

/** "current until 2026-12-01", "current", or the courses missing. */
function trainingText(a: Account): string {
  if (!a.training.current) return `missing: ${a.training.missing.join(', ')}`;
  return a.training.expiresOn ? `current until ${a.training.expiresOn}` : 'current';
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function describeAccount(a: Account): string {
  return [
    `${a.fullName} (${a.username}) — ${a.status}`,
    `Roles: ${a.roles.join(', ')}`,
    `Confidential data: ${a.confidentialAuthorized ? 'authorised' : 'not authorised'}`,
    a.training.detail,
  ].join('\n');
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('People: add, list, disable, change password, confidential-data authorisation');

  user
    .command('add')
    .description('Add a person (their password from CUSTODIAN_NEW_PASSWORD or a prompt)')
    .requiredOption('--username <u>', 'sign-in name')
    .requiredOption('--full-name <name>', 'full name, as it will appear in the access log')
    .requiredOption('--role <role>', 'a role; repeat for several (see the list below)', collect)
    .option('--confidential', 'authorise access to confidential state/federal data (commander only)')
    .addHelpText('after', `\nRoles:\n${ROLES.map((r) => `  ${r.padEnd(21)}${ROLE_TITLES[r]}`).join('\n')}`)
    .action(async (opts: { username: string; fullName: string; role: string[]; confidential?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const unknown = opts.role.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) throw new UsageError(`Unknown role ${unknown.join(', ')}; the roles are ${ROLES.join(', ')}.`);
      const password = await readSecret('CUSTODIAN_NEW_PASSWORD', `Password for the new account ${opts.username}: `, { confirm: true });
      const account = await callAs(g, 'user.add', {
        username: opts.username,
        fullName: opts.fullName,
        roles: opts.role as Role[],
        password,
        confidentialAuthorized: !!opts.confidential,
      });
      emit(!!g.json, account, () => `Added.\n${describeAccount(account)}`);
    });

  user
    .command('list')
    .description('List everyone with roles, status and training')
    .option(
      '--show <view>',
      `only the people in a view: ${PEOPLE_VIEWS.map((v) => `${v} (${PEOPLE_VIEW_LABELS[v].toLowerCase()})`).join(', ')}`,
    )
    .action(async (opts: { show?: string }, cmd: Command) => {
      const g = globals(cmd);
      const view = opts.show;
      if (view !== undefined && !(PEOPLE_VIEWS as readonly string[]).includes(view)) {
        throw new UsageError(`--show must be one of ${PEOPLE_VIEWS.join(', ')}.`);
      }
      const everyone = await callAs(g, 'user.list', {});
      const accounts = view === undefined ? everyone : everyone.filter((a) => inPeopleView(view as PeopleView, a));
      emit(!!g.json, accounts, () =>
        table(
          ['Username', 'Full name', 'Roles', 'Status', 'Confidential', 'Training', 'Sign-in'],
          accounts.map((a) => [
            a.username,
            a.fullName,
            a.roles.join(', '),
            a.status,
            a.confidentialAuthorized ? 'yes' : 'no',
            trainingText(a),
            a.lockedUntil ? `locked until ${a.lockedUntil}` : '',
          ]),
        ),
      );
    });

  user
    .command('disable <username>')
    .description('Disable a person: their key slot is removed, their history stays')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const account = await callAs(g, 'user.disable', { username });
      emit(!!g.json, account, () => `Disabled.\n${describeAccount(account)}`);
    });

  user
    .command('passwd')
    .description('Change your own password (current from CUSTODIAN_PASSWORD, new from CUSTODIAN_NEW_PASSWORD, or prompts)')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const current = await signInPassword(requireUser(g));
      const next = await readSecret('CUSTODIAN_NEW_PASSWORD', 'New password: ', { confirm: true });
      const result = await callAs(g, 'user.changePassword', { currentPassword: current, newPassword: next }, { password: current });
      emit(!!g.json, result, () => 'Password changed.');
    });

  user
    .command('confidential <username>')
    .description('Grant or revoke authorisation to confidential state/federal data (commander)')
    .option('--grant', 'authorise')
    .option('--revoke', 'withdraw the authorisation')
    .action(async (username: string, opts: { grant?: boolean; revoke?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      if (!!opts.grant === !!opts.revoke) throw new UsageError('Say either --grant or --revoke.');
      const account = await callAs(g, 'user.setConfidential', { username, authorized: !!opts.grant });
      emit(!!g.json, account, () => describeAccount(account));
    });
}
