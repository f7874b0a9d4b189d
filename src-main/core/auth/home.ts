import { inPeopleView, type PeopleView } from '../../contract/home';
import type { Account } from '../../contract/schemas';
import type { HomeCount, HomeCounts, OperationContext } from '../gate/context';
import { accountView, listAccounts } from './accounts';
import { currentLockouts } from './lockouts';

/** Everyone as the People page lists them, worked out once per call however many tiles count them. */
const peopleOfCall = new WeakMap<OperationContext, Account[]>();

function people(ctx: OperationContext): Account[] {
  let views = peopleOfCall.get(ctx);
  if (!views) {
    const locked = currentLockouts(ctx);
    views = listAccounts(ctx.db).map((row) => accountView(ctx.db, row, ctx.now, locked(row.username)));
    peopleOfCall.set(ctx, views);
  }
  return views;
}

/** The people in a view of the People & training list, counted by the same rule the list uses. */
const peopleIn =
  (view: PeopleView): HomeCount =>
  (ctx) =>
    people(ctx).filter((person) => inPeopleView(view, person)).length;

/** What the home screen counts among the people: training, lockouts, and the first steps of a new workspace. */
export const authHomeCounts = {
  'training-expiring': peopleIn('training-expiring'),
  'training-missing': peopleIn('training-missing'),
  'people-locked-out': peopleIn('locked-out'),
  // the first commander is made by set-up; everyone else is added by someone
  'add-people': (ctx) => ctx.db.prepare('SELECT count(*) FROM accounts WHERE created_by IS NOT NULL').pluck().get() as number,
  'record-training': (ctx) => ctx.db.prepare('SELECT count(*) FROM training_records').pluck().get() as number,
} satisfies HomeCounts;
