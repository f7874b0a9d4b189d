import { CONFIDENTIAL_SOURCES, type HotlistSource } from '../../contract/hotlists';
import { alertListSource } from './alerts';
import { describeList, findEntry, findListById, findListByName, isConfidential } from './lists';
import type { ConfidentialChecks } from '../gate/context';
import type { Db } from '../store/database';

/**
 * Confidential state or federal data (policy 427.4(e)): NCIC and state hot lists, their
 * entries and the alerts they raise. Whether a call touches it depends on the object it
 * names, so each operation that can name one has a check here (see ConfidentialChecks).
 *
 * A check returns what the call touches, in words ("the hot list NCIC stolen vehicles
 * (NCIC)"), or null when nothing confidential is named. Listing operations are not here:
 * they leave confidential rows out for people without the authorisation and say how many.
 */

/** The list in words when it is confidential, else null. */
const ifConfidential = (list: { name: string; source: HotlistSource } | null | undefined): string | null =>
  list && isConfidential(list.source) ? describeList(list) : null;

/** An alert's list: "the alert 12 from the hot list …". */
function alertCheck(db: Db, input: { alertId: number }): string | null {
  const list = ifConfidential(alertListSource(db, input.alertId));
  return list && `the alert ${input.alertId} from ${list}`;
}

export const hotlistConfidentialChecks: ConfidentialChecks = {
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
