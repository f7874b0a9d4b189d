import type { Command } from 'commander';
import { emit, table } from '../output';
import { globals, callAs } from '../session';

export function registerTrainingCommands(program: Command): void {
  const training = program.command('training').description('Training records (policy 427.4(d)): no ALPR data without current training');

  training
    .command('record')
    .description('Record a completed course for a person (commander or administrator)')
    .requiredOption('--username <u>', 'whose training')
    .requiredOption('--course <name>', 'the course, e.g. "ALPR Operator Training"')
    .requiredOption('--completed <YYYY-MM-DD>', 'the day it was completed')
    .option('--expires <YYYY-MM-DD>', 'the day it stops counting, if it expires')
    .action(async (opts: { username: string; course: string; completed: string; expires?: string }, cmd: Command) => {
      const g = globals(cmd);
      const record = await callAs(g, 'training.record', {
        username: opts.username,
        course: opts.course,
        completedOn: opts.completed,
        expiresOn: opts.expires,
      });
      emit(
        !!g.json,
        record,
        () =>
          `Recorded: ${record.username} completed ${record.course} on ${record.completedOn}${record.expiresOn ? `, valid until ${record.expiresOn}` : ''}.`,
      );
    });

  training
    .command('list')
    .description('List training records')
    .option('--username <u>', 'only this person')
    .action(async (opts: { username?: string }, cmd: Command) => {
      const g = globals(cmd);
      const records = await callAs(g, 'training.list', opts.username ? { username: opts.username } : {});
      emit(!!g.json, records, () =>
        table(
          ['Username', 'Course', 'Completed', 'Expires', 'Recorded by', 'Recorded at'],
          records.map((r) => [r.username, r.course, r.completedOn, r.expiresOn ?? 'does not expire', r.recordedBy, r.recordedAt]),
        ),
      );
    });
}
