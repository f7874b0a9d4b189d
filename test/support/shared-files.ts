import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './cli';

/**
 * The workplace's shared folder (formats, policy, real samples) sits beside the
 * repository; a clone elsewhere (CI) finds it at its usual place.
 */
function sharedFolder(): string {
  for (const candidate of [path.resolve(REPO, '..', 'shared'), '/work/shared']) {
    if (fs.existsSync(path.join(candidate, 'fixtures'))) return candidate;
  }
  throw new Error(`the shared folder (../shared beside ${REPO}) is missing: it holds the real vendor samples the tests import`);
}

/** The real Flock transparency-portal search audit sample (11 rows, user ids withheld). */
export const FLOCK_SEARCH_AUDIT_SAMPLE = path.join(sharedFolder(), 'fixtures', 'flock', 'search_audit.sample.csv');
