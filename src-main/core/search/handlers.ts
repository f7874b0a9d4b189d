import type { OpOutput, OpParsedInput } from '../../contract/operations';
import type { OperationContext } from '../gate/context';
import type { Steps } from '../steps';
import { exportReads } from './export';
import { searchReads } from './query';
import { readDetail, thumbnails } from './reads';

/** Search: every handler reads committed reads only, and the gate has logged the query, case and purpose. */
export const searchHandlers = {
  'search.plates': (ctx: OperationContext, query: OpParsedInput<'search.plates'>) => {
    const result = searchReads(ctx.db, query);
    ctx.touch({ plan: result.plan, hits: result.hits.length, truncated: result.truncated });
    return result;
  },
  'search.read': (ctx: OperationContext, { readId }: OpParsedInput<'search.read'>) => {
    const detail = readDetail(ctx.db, ctx.files.images, readId);
    ctx.touch({ read: readId, plate: detail.read.plateNormalized, images: detail.images.length });
    return detail;
  },
  'search.thumbnails': (ctx: OperationContext, { readIds }: OpParsedInput<'search.thumbnails'>) => {
    const shown = thumbnails(ctx.db, ctx.files.images, readIds);
    ctx.touch({ thumbnails: shown.length });
    return shown;
  },
  'search.export': function* (ctx: OperationContext, { readIds }: OpParsedInput<'search.export'>): Steps<OpOutput<'search.export'>> {
    const summary = yield* exportReads(ctx.store, readIds, ctx.write);
    ctx.touch({ exported: summary.rows, sha256: summary.sha256 });
    return summary;
  },
};
