import type { OperationContext } from '../gate/context';
import { alprHoldings } from './holdings';

/** The stored plate reads as a whole. */
export const readsHandlers = {
  'alpr.holdings': (ctx: OperationContext) => alprHoldings(ctx.db),
};
