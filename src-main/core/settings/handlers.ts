import type { OpParsedInput } from '../../contract/operations';
import type { OperationContext } from '../gate/context';
import { writeSettings } from './settings';

/** The workspace's settings: required training, idle lock, the purposes that state nothing. */
export const settingsHandlers = {
  'settings.get': (ctx: OperationContext) => ctx.settings,
  'settings.update': (ctx: OperationContext, changes: OpParsedInput<'settings.update'>) => writeSettings(ctx.db, changes),
};
