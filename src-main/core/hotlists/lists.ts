import {
  CONFIDENTIAL_SOURCES,
  hotlistMappingSchema,
  type Hotlist,
  type HotlistEntry,
  type HotlistMapping,
  type HotlistProfile,
  type HotlistSource,
} from '../../contract/hotlists';
import type { Actor } from '../auth/sessions';
import { notFound } from '../errors';
import { mappingProfiles } from '../intake/mapping-profiles';
import type { Db } from '../store/database';
import type { HotlistRow } from './formats';
import { IN_FORCE } from './matching';

/** Hot lists, their entries and saved mappings, as stored (migration 004). */

export interface ListRow {
  id: number;
  name: string;
  source: HotlistSource;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface EntryRow {
  id: number;
  list_id: number;
  list_name: string;
  load_id: number | null;
  source_line: number | null;
  plate_raw: string;
  plate_norm: string;
  partial: number;
  state: string | null;
  reason: string | null;
  case_number: string | null;
  alert_level: string | null;
  note: string | null;
  effective_on: string | null;
  expires_on: string | null;
  added_by_name: string;
  added_at: string;
  retired_at: string | null;
}

export const isConfidential = (source: HotlistSource): boolean => CONFIDENTIAL_SOURCES.includes(source);

/** How a person is named on what they did: "Laura Thompson (lthompson)". */
export const actorName = (actor: Actor): string => `${actor.fullName} (${actor.username})`;

/** "the hot list NCIC stolen vehicles (NCIC)", for messages and the confidential check. */
export const describeList = (list: Pick<ListRow, 'name' | 'source'>): string => `the hot list ${list.name} (${list.source})`;

export function findListByName(db: Db, name: string): ListRow | undefined {
  return db.prepare('SELECT * FROM hotlists WHERE name = ?').get(name) as ListRow | undefined;
}

export function findListById(db: Db, id: number): ListRow | undefined {
  return db.prepare('SELECT * FROM hotlists WHERE id = ?').get(id) as ListRow | undefined;
}

export function existingList(db: Db, id: number): ListRow {
  const list = findListById(db, id);
  if (!list) throw notFound('no-such-hotlist', `There is no hot list numbered ${id}.`);
  return list;
}

export function createList(db: Db, name: string, source: HotlistSource, actor: Actor, now: Date): ListRow {
  const at = now.toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(name, source, actor.accountId, actorName(actor), at, at).lastInsertRowid,
  );
  return findListById(db, id)!;
}

export function markListUpdated(db: Db, listId: number, now: Date): void {
  db.prepare('UPDATE hotlists SET updated_at = ? WHERE id = ?').run(now.toISOString(), listId);
}

/** Every list with its entries in force today and the rest (expired, not yet effective, retired). */
export function listLists(db: Db, today: string): Hotlist[] {
  const rows = db
    .prepare(
      `SELECT l.*,
         (SELECT count(*) FROM hotlist_entries e WHERE e.list_id = l.id AND ${IN_FORCE}) AS active,
         (SELECT count(*) FROM hotlist_entries e WHERE e.list_id = l.id) AS total
       FROM hotlists l ORDER BY l.name COLLATE NOCASE`,
    )
    .all({ today }) as (ListRow & { active: number; total: number })[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    source: row.source,
    confidential: isConfidential(row.source),
    active: row.active,
    inactive: row.total - row.active,
    createdBy: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

const ENTRY_SELECT = 'SELECT e.*, l.name AS list_name FROM hotlist_entries e JOIN hotlists l ON l.id = e.list_id';

export function entryStatus(row: Pick<EntryRow, 'retired_at' | 'effective_on' | 'expires_on'>, today: string): HotlistEntry['status'] {
  if (row.retired_at) return 'retired';
  if (row.effective_on && row.effective_on > today) return 'not-yet-effective';
  if (row.expires_on && row.expires_on < today) return 'expired';
  return 'active';
}

export function entryView(row: EntryRow, today: string): HotlistEntry {
  return {
    id: row.id,
    listId: row.list_id,
    list: row.list_name,
    plate: row.plate_raw,
    plateNormalized: row.plate_norm,
    partial: row.partial === 1,
    state: row.state,
    reason: row.reason,
    caseNumber: row.case_number,
    alertLevel: row.alert_level,
    note: row.note,
    effective: row.effective_on,
    expires: row.expires_on,
    status: entryStatus(row, today),
    addedBy: row.added_by_name,
    addedAt: row.added_at,
    line: row.source_line,
  };
}

export function findEntry(db: Db, id: number): EntryRow | undefined {
  return db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
}

export function existingEntry(db: Db, id: number): EntryRow {
  const row = findEntry(db, id);
  if (!row) throw notFound('no-such-entry', `There is no hot-list entry numbered ${id}.`);
  return row;
}

/** A page of a list's entries: the current ones first, in the order they were loaded, then the retired ones. */
export function listEntries(
  db: Db,
  listId: number,
  offset: number,
  limit: number,
  today: string,
): { total: number; entries: HotlistEntry[] } {
  const total = db.prepare('SELECT count(*) FROM hotlist_entries WHERE list_id = ?').pluck().get(listId) as number;
  const rows = db
    .prepare(`${ENTRY_SELECT} WHERE e.list_id = ? ORDER BY e.retired_at IS NOT NULL, e.id LIMIT ? OFFSET ?`)
    .all(listId, limit, offset) as EntryRow[];
  return { total, entries: rows.map((row) => entryView(row, today)) };
}

/** What an entry is made of, from a file or typed by hand. */
export type NewEntry = Omit<HotlistRow, 'line'> & { line: number | null };

export function entryInserter(db: Db, listId: number, loadId: number | null, actor: Actor, now: Date): (entry: NewEntry) => number {
  const insert = db.prepare(
    `INSERT INTO hotlist_entries(list_id, load_id, source_line, plate_raw, plate_norm, partial, state, reason, case_number, alert_level, note,
       effective_on, expires_on, added_by, added_by_name, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const by = actorName(actor);
  const at = now.toISOString();
  return (e) =>
    Number(
      insert.run(
        listId,
        loadId,
        e.line,
        e.plateRaw,
        e.plateNorm,
        e.partial ? 1 : 0,
        e.state,
        e.reason,
        e.caseNumber,
        e.alertLevel,
        e.note,
        e.effective,
        e.expires,
        actor.accountId,
        by,
        at,
      ).lastInsertRowid,
    );
}

/** Retire a list's entries from before `loadId` (a newer load replaces them); they stay, for the alerts they raised. */
export function retireEarlierEntries(db: Db, listId: number, loadId: number, actor: Actor, now: Date, fileName: string): number {
  return db
    .prepare(
      `UPDATE hotlist_entries SET retired_at = ?, retired_by_name = ?, retired_reason = ?
       WHERE list_id = ? AND retired_at IS NULL AND (load_id IS NULL OR load_id <> ?)`,
    )
    .run(now.toISOString(), actorName(actor), `replaced by the load of ${fileName} (load ${loadId})`, listId, loadId).changes;
}

export function retireEntry(db: Db, entryId: number, actor: Actor, now: Date, reason: string): void {
  db.prepare('UPDATE hotlist_entries SET retired_at = ?, retired_by_name = ?, retired_reason = ? WHERE id = ?').run(
    now.toISOString(),
    actorName(actor),
    reason,
    entryId,
  );
}

// ---------------------------------------------------------------------------
// Saved hot-list mappings
// ---------------------------------------------------------------------------

const hotlistProfiles = mappingProfiles(
  'hotlist_profiles',
  hotlistMappingSchema,
  (name) => `There is no saved hot-list mapping called ${name}. Save one first.`,
);

export function saveHotlistProfile(db: Db, name: string, mapping: HotlistMapping, actor: Actor, now: Date): HotlistProfile {
  return hotlistProfiles.save(db, name, mapping, actorName(actor), now);
}
export const findHotlistProfile = hotlistProfiles.find;
export const listHotlistProfiles = hotlistProfiles.list;
