import fs from 'node:fs';
import type { OpParsedInput } from '../../contract/operations';
import { invalid } from '../errors';
import type { OperationContext } from '../gate/context';
import { writeSettings } from './settings';

/** A checkpoint folder must be there and take files now: the first checkpoint is written into it as soon as it is set. */
function assertWritableFolder(folder: string): void {
  const refuse = (why: string) =>
    invalid('checkpoint-folder', `The checkpoint folder ${folder} ${why}.`, [{ path: 'checkpointFolder', message: `This folder ${why}.` }]);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw refuse('does not exist (is the medium in, the share connected?)');
  }
  if (!stat.isDirectory()) throw refuse('is not a folder');
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw refuse('cannot be written to');
  }
}

/** The workspace's settings: required training, idle lock, the purposes that state nothing, the checkpoint folder, retention. */
export const settingsHandlers = {
  'settings.get': (ctx: OperationContext) => ctx.settings,
  'settings.update': (ctx: OperationContext, changes: OpParsedInput<'settings.update'>) => {
    if (changes.checkpointFolder) assertWritableFolder(changes.checkpointFolder);
    // a drill counts back from a time already past: a later one would have purges destroy reads early
    if (changes.purgeAsOf && Date.parse(changes.purgeAsOf) > ctx.now.getTime()) {
      throw invalid('as-of-in-future', `A drill counts back from a time already past: ${changes.purgeAsOf} is later than now.`, [
        { path: 'purgeAsOf', message: 'Give a time already past.' },
      ]);
    }
    return writeSettings(ctx.db, changes);
  },
};
