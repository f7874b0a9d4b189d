import type { HomeCounts } from '../gate/context';

/** What the home screen counts in the settings: whether the access log has a checkpoint folder outside the database. */
export const settingsHomeCounts = {
  'checkpoint-folder-unset': (ctx) => (ctx.settings.checkpointFolder === null ? 1 : 0),
  'choose-checkpoint-folder': (ctx) => (ctx.settings.checkpointFolder === null ? 0 : 1),
} satisfies HomeCounts;
