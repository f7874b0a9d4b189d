import type { Command } from 'commander';
import type { Settings } from '../../contract/schemas';
import { UsageError } from '../errors';
import { emit } from '../output';
import { globals, callAs } from '../session';

const describe = (s: Settings) =>
  [`Required training: ${s.requiredCourses.join('; ')}`, `Idle lock after: ${s.idleMinutes} minutes`].join('\n');

export function registerSettingsCommands(program: Command): void {
  const settings = program.command('settings').description('Workspace settings: required training, idle lock');

  settings.command('show').action(async (_opts: unknown, cmd: Command) => {
    const g = globals(cmd);
    const result = await callAs(g, 'settings.get', {});
    emit(!!g.json, result, () => describe(result));
  });

  settings
    .command('set')
    .description('Change settings (commander)')
    .option('--idle-minutes <n>', 'lock a session after this many idle minutes (1 to 30)')
    .option(
      '--required-course <name>',
      'a course everyone needs before touching ALPR data (repeat; replaces the list)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .action(async (opts: { idleMinutes?: string; requiredCourse?: string[] }, cmd: Command) => {
      const g = globals(cmd);
      const changes: Partial<Settings> = {};
      if (opts.idleMinutes !== undefined) {
        if (!/^\d+$/.test(opts.idleMinutes)) throw new UsageError('--idle-minutes takes a whole number of minutes.');
        changes.idleMinutes = Number(opts.idleMinutes);
      }
      if (opts.requiredCourse) changes.requiredCourses = opts.requiredCourse;
      if (Object.keys(changes).length === 0) throw new UsageError('Say what to change: --idle-minutes or --required-course.');
      const result = await callAs(g, 'settings.update', changes);
      emit(!!g.json, result, () => describe(result));
    });
}
