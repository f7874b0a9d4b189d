import type { OperationName, OpParsedInput } from '../../contract/operations';
import { readAuditPage } from '../audit/query';
import { isoDay } from '../clock';
import type { OperationContext } from '../gate/context';
import { closeCase, closedCasesWithHolds, createCase, existingCase, listCases } from './cases';
import { extendHold, holdEvents, holdRows, holdsDue, placeHold, releaseHold, toHold } from './holds';

type In<K extends OperationName> = OpParsedInput<K>;

/** Cases and the holds that keep their reads past the retention period (Policy 427.5). */
export const caseHandlers = {
  'case.create': (ctx: OperationContext, input: In<'case.create'>) => {
    const created = createCase(ctx.db, input, ctx.actor, ctx.now);
    ctx.touch({ case: created.number, caseId: created.id });
    return created;
  },
  'case.list': (ctx: OperationContext, input: In<'case.list'>) => listCases(ctx.db, input.status),
  'case.show': (ctx: OperationContext, input: In<'case.show'>) => {
    const found = existingCase(ctx.db, input.number);
    ctx.touch({ case: found.number, caseId: found.id });
    return {
      case: found,
      holds: holdRows(ctx.db, 'WHERE h.case_id = ?', found.id).map((row) => toHold(ctx.db, row)),
      events: holdEvents(ctx.db, found.id),
    };
  },
  'case.history': (ctx: OperationContext, input: In<'case.history'>) => {
    const found = existingCase(ctx.db, input.number);
    ctx.touch({ case: found.number, caseId: found.id });
    const page = readAuditPage(ctx.db, { caseNumber: found.number }, { order: 'newest-first', offset: input.offset, limit: input.limit });
    return { total: page.total, entries: page.entries };
  },
  'case.close': (ctx: OperationContext, input: In<'case.close'>) => {
    const closed = closeCase(ctx.db, input.number, input.closedOn ?? isoDay(ctx.now));
    ctx.touch({ case: closed.number, caseId: closed.id, activeHolds: closed.activeHolds });
    return closed;
  },
  'hold.place': (ctx: OperationContext, input: In<'hold.place'>) => {
    const hold = placeHold(ctx.db, input, ctx.settings, ctx.actor, ctx.now);
    ctx.touch({ hold: hold.id, case: hold.caseNumber, kind: hold.kind, reads: hold.reads, reviewOn: hold.reviewOn });
    return hold;
  },
  'hold.extend': (ctx: OperationContext, input: In<'hold.extend'>) => {
    const hold = extendHold(ctx.db, input, ctx.settings, ctx.actor, ctx.now);
    ctx.touch({ hold: hold.id, case: hold.caseNumber, reviewOn: hold.reviewOn });
    return hold;
  },
  'hold.release': (ctx: OperationContext, input: In<'hold.release'>) => {
    const hold = releaseHold(ctx.db, input, ctx.actor, ctx.now);
    ctx.touch({ hold: hold.id, case: hold.caseNumber, reads: hold.reads });
    return hold;
  },
  'hold.list': (ctx: OperationContext, input: In<'hold.list'>) => {
    const where = input.active === undefined ? '' : input.active ? 'WHERE h.released_at IS NULL' : 'WHERE h.released_at IS NOT NULL';
    return holdRows(ctx.db, where).map((row) => toHold(ctx.db, row));
  },
  'hold.review': (ctx: OperationContext) => ({
    holdsDue: holdsDue(ctx.db, isoDay(ctx.now)).map((row) => toHold(ctx.db, row)),
    closedWithHolds: closedCasesWithHolds(ctx.db),
  }),
};
