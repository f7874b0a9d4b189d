import { isoDay } from '../clock';
import type { HomeCounts } from '../gate/context';
import { closedCasesWithHolds } from './cases';
import { holdsDue } from './holds';

/** What the home screen counts in cases and holds: the review queue (`hold.review`), holds due and closed cases still holding. */
export const caseHomeCounts = {
  'holds-awaiting-review': (ctx) => holdsDue(ctx.db, isoDay(ctx.now)).length + closedCasesWithHolds(ctx.db).length,
} satisfies HomeCounts;
