import type { Command } from 'commander';
import { Workspace } from '../../core/workspace';
import { emit } from '../output';
import { readSecret } from '../secrets';
import { globals, requireUser, callAs, workspaceDir } from '../session';

const RECOVERY_ADVICE = [
  'Write it down and store it sealed, away from this computer (for example in the',
  "commander's safe). It is shown only this once. With it, a commander who has lost",
  'their password can set a new one; without it and without a commander, the data',
  'cannot be opened by anyone.',
].join('\n');

export function registerWorkspaceCommands(program: Command): void {
  program
    .command('init')
    .description('Create a workspace and its commander account (password from CUSTODIAN_PASSWORD or a prompt)')
    .requiredOption('--commander <name>', "the commander's username")
    .requiredOption('--full-name <name>', "the commander's full name")
    .action(async (opts: { commander: string; fullName: string }, cmd: Command) => {
      const g = globals(cmd);
      const dir = workspaceDir(g);
      const password = await readSecret('CUSTODIAN_PASSWORD', `New password for ${opts.commander}: `, { confirm: true });
      const result = Workspace.init(dir, { commander: opts.commander, fullName: opts.fullName, password });
      emit(!!g.json, { workspace: dir, workspaceId: result.workspaceId, recoveryCode: result.recoveryCode }, () =>
        [`Workspace created in ${dir}.`, '', `Recovery code:  ${result.recoveryCode}`, '', RECOVERY_ADVICE].join('\n'),
      );
    });

  program
    .command('recover')
    .description('Set a new password for a commander (--user) with the recovery code; a new recovery code replaces the old one')
    .requiredOption('--recovery-code <code>', 'the recovery code printed at init (or at the last recovery)')
    .action(async (opts: { recoveryCode: string }, cmd: Command) => {
      const g = globals(cmd);
      const username = requireUser(g);
      const ws = Workspace.open(workspaceDir(g));
      try {
        const password = await readSecret('CUSTODIAN_NEW_PASSWORD', `New password for ${username}: `, { confirm: true });
        const result = ws.recover(opts.recoveryCode, username, password);
        emit(!!g.json, result, () =>
          [
            `The password of ${username} is set.`,
            '',
            `New recovery code:  ${result.recoveryCode}`,
            '',
            'The old code no longer works.',
            RECOVERY_ADVICE,
          ].join('\n'),
        );
      } finally {
        ws.close();
      }
    });

  program
    .command('rekey')
    .description('Rotate the master key: re-encrypt the database and reseal every key slot (commander)')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const result = await callAs(g, 'workspace.rekey', {});
      emit(!!g.json, result, () => `The master key was rotated; ${result.slotsResealed} key slots were resealed.`);
    });

  program
    .command('whoami')
    .description('Show who you are signed in as, your roles and your training status')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const me = await callAs(g, 'session.whoami', {});
      emit(!!g.json, me, () =>
        [
          `${me.fullName} (${me.username})`,
          `Roles: ${me.roles.join(', ')}`,
          `Confidential data: ${me.confidentialAuthorized ? 'authorised' : 'not authorised'}`,
          me.training.detail,
        ].join('\n'),
      );
    });

  program
    .command('holdings')
    .description('How much ALPR data this workstation holds (ALPR data: needs --case and --purpose)')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const result = await callAs(g, 'alpr.holdings', {});
      emit(!!g.json, result, () =>
        result.reads === 0
          ? 'No plate reads are stored.'
          : `${result.reads} plate reads, captured ${result.oldestCapture} to ${result.newestCapture}.`,
      );
    });
}
