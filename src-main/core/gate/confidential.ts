import type { OperationName, OpParsedInput } from '../../contract/operations';
import type { Db } from '../store/database';

/**
 * Confidential state or federal data (policy 427.4(e)): NCIC and state hot lists, their
 * entries and the alerts they raise. Whether a call touches it depends on the object it
 * names, so each operation that can name one has a check here. The gate runs it after the
 * training and purpose checks and refuses a person without the commander's authorisation.
 *
 * A check returns what the call touches, in words ("the hot list NCIC stolen vehicles
 * (NCIC)"), or null when nothing confidential is named. Listing operations are not here:
 * they leave confidential rows out for people without the authorisation and say how many.
 */
type ConfidentialCheck<K extends OperationName> = (db: Db, input: OpParsedInput<K>) => string | null;

export const CONFIDENTIAL_CHECKS: { [K in OperationName]?: ConfidentialCheck<K> } = {};

export function confidentialObject<K extends OperationName>(name: K, db: Db, input: OpParsedInput<K>): string | null {
  const check = CONFIDENTIAL_CHECKS[name] as ConfidentialCheck<K> | undefined;
  return check ? check(db, input) : null;
}
