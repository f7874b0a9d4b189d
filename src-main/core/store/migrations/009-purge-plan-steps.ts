import type { Migration } from './index';

/**
 * A purge plans in steps, not in one transaction (at 1,000,000 candidates the one
 * transaction held the store for 3 s): `plan_cursor` is where the plan has got to, as JSON
 * `{ capturedAt, id }` (the last read taken in capture-time order), or null once the plan is
 * whole. A run killed while planning goes on planning from there on the next run. Runs made
 * before this version planned whole, so null is right for them.
 */
export const migration009: Migration = {
  version: 9,
  name: '009-purge-plan-steps',
  up(db) {
    db.exec('ALTER TABLE purge_runs ADD COLUMN plan_cursor TEXT');
  },
};
