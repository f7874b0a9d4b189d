import type { HomeCounts } from '../gate/context';
import { countCommittedImports, countImportsWithRejects } from './records';

/** What the home screen counts in imports: the import records, one row per file. */
export const importHomeCounts = {
  'imports-with-rejects': (ctx) => countImportsWithRejects(ctx.db),
  'import-first-export': (ctx) => countCommittedImports(ctx.db),
} satisfies HomeCounts;
