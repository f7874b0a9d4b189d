import type { OperationName, OpParsedInput } from '../../contract/operations';
import { CONFIDENTIAL_SOURCES, type HotlistSource } from '../../contract/hotlists';
import { alertListSource } from '../hotlists/alerts';
import { describeList, findEntry, findListById, findListByName, isConfidential } from '../hotlists/lists';
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

/** The list in words when it is confidential, else null. */
const ifConfidential = (list: { name: string; source: HotlistSource } | null | undefined): string | null =>
  list && isConfidential(list.source) ? describeList(list) : null;

/** An alert's list: "the alert 12 from the hot list …". */
function alertCheck(db: Db, input: { alertId: number }): string | null {
  const list = ifConfidential(alertListSource(db, input.alertId));
  return list && `the alert ${input.alertId} from ${list}`;
}

export const CONFIDENTIAL_CHECKS: { [K in OperationName]?: ConfidentialCheck<K> } = {
  // a new list is confidential by the source it is given; an existing one keeps its own
  'hotlist.import': (db, input) => {
    const list = findListByName(db, input.list);
    if (list) return ifConfidential(list);
    return input.listSource && CONFIDENTIAL_SOURCES.includes(input.listSource)
      ? `a new hot list ${input.list} (${input.listSource})`
      : null;
  },
  'hotlist.add': (db, input) => ifConfidential(findListByName(db, input.list)),
  'hotlist.entries': (db, input) => ifConfidential(findListById(db, input.listId)),
  'hotlist.retireEntry': (db, input) => {
    const entry = findEntry(db, input.entryId);
    return entry ? ifConfidential(findListById(db, entry.list_id)) : null;
  },
  'alert.get': alertCheck,
  'alert.verify': alertCheck,
};

export function confidentialObject<K extends OperationName>(name: K, db: Db, input: OpParsedInput<K>): string | null {
  const check = CONFIDENTIAL_CHECKS[name] as ConfidentialCheck<K> | undefined;
  return check ? check(db, input) : null;
}
