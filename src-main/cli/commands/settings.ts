import path from 'node:path';
import type { Command } from 'commander';
import type { Settings } from '../../contract/schemas';
import { UsageError } from '../errors';
import { emit } from '../output';
import { globals, callAs, withSession } from '../session';

const describe = (s: Settings) =>
  [
    `Department (on every document): ${s.departmentName ?? 'not named'}`,
    `Required training: ${s.requiredCourses.join('; ')}`,
    `Idle lock after: ${s.idleMinutes} minutes`,
    `Purposes refused as stating nothing (policy 427.6(b)): ${s.vaguePurposes.length ? s.vaguePurposes.map((p) => `"${p}"`).join(', ') : 'none listed'}`,
    `Checkpoint folder: ${s.checkpointFolder ?? 'none chosen (a cut-short or rewritten access log would go unnoticed)'}`,
  ].join('\n');

const repeatable = (v: string, p: string[] = []) => [...p, v];
const comparable = (s: string) => s.trim().toLowerCase();

interface SetOptions {
  idleMinutes?: string;
  requiredCourse?: string[];
  vaguePurpose?: string[];
  addVaguePurpose?: string[];
  removeVaguePurpose?: string[];
  checkpointFolder?: string | false;
  department?: string;
}

/** The vague-purposes list after the --vague-purpose, --add-… and --remove-… options, or undefined when none was given. */
function vaguePurposes(current: readonly string[], opts: SetOptions): string[] | undefined {
  if (!opts.vaguePurpose && !opts.addVaguePurpose && !opts.removeVaguePurpose) return undefined;
  let list = opts.vaguePurpose ?? [...current];
  const remove = opts.removeVaguePurpose ?? [];
  const missing = remove.filter((r) => !list.some((p) => comparable(p) === comparable(r)));
  if (missing.length)
    throw new UsageError(`Not on the list of vague purposes, so not removed: ${missing.map((m) => `"${m}"`).join(', ')}.`);
  list = list.filter((p) => !remove.some((r) => comparable(p) === comparable(r)));
  for (const add of opts.addVaguePurpose ?? []) if (!list.some((p) => comparable(p) === comparable(add))) list.push(add);
  return list;
}

export function registerSettingsCommands(program: Command): void {
  const settings = program
    .command('settings')
    .description('Workspace settings: required training, idle lock, purposes that state nothing, the checkpoint folder');

  settings.command('show').action(async (_opts: unknown, cmd: Command) => {
    const g = globals(cmd);
    const result = await callAs(g, 'settings.get', {});
    emit(!!g.json, result, () => describe(result));
  });

  settings
    .command('set')
    .description('Change settings (commander)')
    .option('--department <name>', "the department's name, at the head of every document it signs")
    .option('--idle-minutes <n>', 'lock a session after this many idle minutes (1 to 30)')
    .option('--required-course <name>', 'a course everyone needs before touching ALPR data (repeat; replaces the list)', repeatable)
    .option('--vague-purpose <text>', 'a purpose refused as stating nothing, e.g. "bolo" (repeat; replaces the list)', repeatable)
    .option('--add-vague-purpose <text>', 'add one to the list of vague purposes (repeat)', repeatable)
    .option('--remove-vague-purpose <text>', 'take one off the list of vague purposes (repeat)', repeatable)
    .option('--checkpoint-folder <dir>', 'write signed checkpoints of the access log into this folder (a removable medium or a share)')
    .option('--no-checkpoint-folder', 'stop writing checkpoints outside the database')
    .action(async (opts: SetOptions, cmd: Command) => {
      const g = globals(cmd);
      const changes: Partial<Settings> = {};
      if (opts.idleMinutes !== undefined) {
        if (!/^\d+$/.test(opts.idleMinutes)) throw new UsageError('--idle-minutes takes a whole number of minutes.');
        changes.idleMinutes = Number(opts.idleMinutes);
      }
      if (opts.requiredCourse) changes.requiredCourses = opts.requiredCourse;
      if (opts.department !== undefined) changes.departmentName = opts.department;
      if (opts.checkpointFolder !== undefined)
        changes.checkpointFolder = opts.checkpointFolder === false ? null : path.resolve(opts.checkpointFolder);
      const editsList = !!(opts.vaguePurpose || opts.addVaguePurpose || opts.removeVaguePurpose);
      if (Object.keys(changes).length === 0 && !editsList) {
        throw new UsageError(
          'Say what to change: --department, --idle-minutes, --required-course, the vague purposes (--vague-purpose, --add-vague-purpose, --remove-vague-purpose) or --checkpoint-folder.',
        );
      }
      // Adding or removing one needs the list as it stands: read and change it in one session.
      const result = await withSession(g, (ws, token) => {
        const list = vaguePurposes(editsList ? ws.call(token, 'settings.get', {}).vaguePurposes : [], opts);
        return ws.call(token, 'settings.update', list ? { ...changes, vaguePurposes: list } : changes);
      });
      emit(!!g.json, result, () => describe(result));
    });
}
