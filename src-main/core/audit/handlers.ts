import type { OpOutput, OpParsedInput } from '../../contract/operations';
import type { OperationContext } from '../gate/context';
import type { Steps } from '../steps';
import { exportAuditLog } from './export';
import { readAuditPage } from './query';
import { signCheckpoint } from './signing';
import { verifyAuditLog } from './verify';

/** The access log: read, export, verify and sign its head. */
export const auditHandlers = {
  'audit.query': (ctx: OperationContext, { order = 'oldest-first', offset, limit, throughSeq, ...filter }: OpParsedInput<'audit.query'>) =>
    readAuditPage(ctx.db, filter, { order, offset, limit, throughSeq }),
  'audit.export': function* (
    ctx: OperationContext,
    { format, order = 'oldest-first', ...filter }: OpParsedInput<'audit.export'>,
  ): Steps<OpOutput<'audit.export'>> {
    const summary = yield* exportAuditLog(ctx.store, filter, { format, order }, ctx.write);
    ctx.touch({ format, exported: summary.entries, sha256: summary.sha256 });
    return summary;
  },
  'audit.verify': (ctx: OperationContext, { checkpoint }: OpParsedInput<'audit.verify'>) =>
    verifyAuditLog(ctx.store, ctx.workspaceId, checkpoint),
  'audit.checkpoint': (ctx: OperationContext) => {
    const file = signCheckpoint(ctx.db, ctx.workspaceId, ctx.now);
    ctx.touch({ checkpointSeq: file.seq });
    return file;
  },
};
