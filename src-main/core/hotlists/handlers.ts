import type { OperationName, OpParsedInput } from '../../contract/operations';
import { isoDay } from '../clock';
import { asSentence, invalid } from '../errors';
import type { OperationContext } from '../gate/context';
import { getAlert, listAlerts, verifyAlert } from './alerts';
import { entryPlate } from './formats';
import {
  createList,
  entryInserter,
  entryView,
  existingEntry,
  existingList,
  findEntry,
  findListByName,
  listEntries,
  listHotlistProfiles,
  listLists,
  markListUpdated,
  retireEntry,
  saveHotlistProfile,
} from './lists';
import { importHotlist } from './loads';
import { matchNewEntries } from './matching';

type In<K extends OperationName> = OpParsedInput<K>;
type HotlistOperation = Extract<OperationName, `hotlist.${string}` | `hotlistProfile.${string}` | `alert.${string}`>;

/** A manual entry (427.4(c): most often a partial plate from a major crime), matched at once against the stored reads. */
function addEntry(ctx: OperationContext, input: In<'hotlist.add'>) {
  const today = isoDay(ctx.now);
  if (input.expires < today) {
    throw invalid('expiry-past', `The expiry date ${input.expires} is in the past; an entry added by hand must still be in force.`);
  }
  if (input.effective && input.effective > input.expires) {
    throw invalid('expiry-before-effective', `The expiry date ${input.expires} is before the effective date ${input.effective}.`);
  }
  const plate = entryPlate(input.plate);
  if (typeof plate === 'string') throw invalid('bad-plate', asSentence(plate.charAt(0).toUpperCase() + plate.slice(1)));
  const list = findListByName(ctx.db, input.list) ?? createList(ctx.db, input.list, 'local', ctx.actor, ctx.now);
  const id = entryInserter(
    ctx.db,
    list.id,
    null,
    ctx.actor,
    ctx.now,
  )({
    line: null,
    plateRaw: input.plate,
    ...plate,
    state: input.state ?? null,
    reason: input.reason,
    caseNumber: input.caseNumber,
    alertLevel: input.alertLevel ?? null,
    note: input.note ?? null,
    effective: input.effective ?? null,
    expires: input.expires,
  });
  markListUpdated(ctx.db, list.id, ctx.now);
  const alerts = matchNewEntries(ctx.db, { entryId: id }, today, ctx.now);
  ctx.touch({ list: list.name, listId: list.id, entry: id, plate: plate.plateNorm, alerts });
  return { entry: entryView(findEntry(ctx.db, id)!, today), alerts };
}

export const hotlistHandlers = {
  'hotlist.import': importHotlist,
  'hotlist.add': addEntry,
  'hotlist.retireEntry': (ctx: OperationContext, input: In<'hotlist.retireEntry'>) => {
    const entry = existingEntry(ctx.db, input.entryId);
    ctx.touch({ entry: entry.id, list: entry.list_name, listId: entry.list_id });
    if (entry.retired_at)
      throw invalid('already-retired', `Entry ${entry.id} (${entry.plate_raw}) was already taken off ${entry.list_name}.`);
    retireEntry(ctx.db, entry.id, ctx.actor, ctx.now, input.reason);
    return entryView(findEntry(ctx.db, entry.id)!, isoDay(ctx.now));
  },
  'hotlist.list': (ctx: OperationContext) => listLists(ctx.db, isoDay(ctx.now)),
  'hotlist.entries': (ctx: OperationContext, input: In<'hotlist.entries'>) => {
    const list = existingList(ctx.db, input.listId);
    ctx.touch({ list: list.name, listId: list.id });
    return listEntries(ctx.db, list.id, input.offset, input.limit, isoDay(ctx.now));
  },
  'hotlistProfile.save': (ctx: OperationContext, input: In<'hotlistProfile.save'>) => {
    ctx.touch({ profile: input.name });
    return saveHotlistProfile(ctx.db, input.name, input.mapping, ctx.actor, ctx.now);
  },
  'hotlistProfile.list': (ctx: OperationContext) => listHotlistProfiles(ctx.db),
  'alert.list': (ctx: OperationContext, input: In<'alert.list'>) => {
    const result = listAlerts(ctx.db, ctx.actor, input, isoDay(ctx.now));
    ctx.touch({ alerts: result.alerts.length, withheldConfidential: result.withheldConfidential });
    return result;
  },
  'alert.get': (ctx: OperationContext, input: In<'alert.get'>) => {
    ctx.touch({ alert: input.alertId });
    return getAlert(ctx.db, input.alertId, isoDay(ctx.now));
  },
  'alert.verify': (ctx: OperationContext, input: In<'alert.verify'>) => {
    const result = verifyAlert(ctx.db, ctx.actor, input, ctx.now, isoDay(ctx.now));
    ctx.touch({ alert: input.alertId, verification: result.verification.id, result: input.result });
    return result;
  },
} satisfies Record<HotlistOperation, unknown>;
