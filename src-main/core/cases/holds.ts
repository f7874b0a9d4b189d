import type { Hold } from '../../contract/cases';
import type { OpParsedInput } from '../../contract/operations';
import type { HoldReason, Settings } from '../../contract/schemas';
import type { Actor } from '../auth/sessions';
import { isoDay } from '../clock';
import { invalid, notFound } from '../errors';
import { patternCandidates } from '../reads/candidates';
import { normalisePattern } from '../reads/plates';
import type { Db } from '../store/database';
import { existingCase } from './cases';

export interface HoldRow {
  id: number;
  case_id: number;
  case_number: string;
  kind: Hold['kind'];
  plate_pattern: string | null;
  from_ms: number | null;
  to_ms: number | null;
  cameras: string | null;
  held_import_id: number | null;
  reason: HoldReason;
  reason_text: string | null;
  placed_by: string;
  placed_at: string;
  review_on: string;
  released_at: number | null;
  released_by: string | null;
  release_reason: string | null;
}

export const REASON_WORDS: Record<HoldReason, string> = {
  investigation: 'Investigation',
  evidence: 'Evidence',
  'discovery-litigation': 'Discovery or litigation',
  'public-records': 'Public-records request',
  other: 'Other',
};

const HOLD_SELECT = 'SELECT h.*, c.number AS case_number FROM holds h JOIN cases c ON c.id = h.case_id';

const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What a hold keeps, in words. */
export function holdKeeps(row: HoldRow): string {
  if (row.kind === 'reads') return 'chosen reads';
  if (row.kind === 'import') return `everything from import ${row.held_import_id}`;
  const cameras = row.cameras ? ` at ${(JSON.parse(row.cameras) as string[]).join(', ')}` : '';
  return `reads matching ${row.plate_pattern} captured ${utcMinute(row.from_ms!)} to ${utcMinute(row.to_ms!)}${cameras}`;
}

/** The hold in words, as the purge certificate names it: its reason and what it keeps. */
export function holdLabel(row: HoldRow): string {
  const reason = row.reason === 'other' ? `Other (${row.reason_text})` : REASON_WORDS[row.reason];
  return `${reason}: ${holdKeeps(row)}`;
}

/** A query hold's capture window and cameras, as a condition on a read `r`. */
function inQueryWindow(row: HoldRow): { sql: string; params: unknown[] } {
  const cameras = row.cameras ? (JSON.parse(row.cameras) as string[]) : [];
  const marks = cameras.map(() => '?').join(', ');
  const atCameras = cameras.length ? ` AND (r.camera IN (${marks}) OR r.camera_label IN (${marks}))` : '';
  return { sql: `r.captured_at >= ? AND r.captured_at < ?${atCameras}`, params: [row.from_ms, row.to_ms, ...cameras, ...cameras] };
}

/**
 * The ids of the reads a hold keeps, as a subquery: chosen reads by id, an import's reads,
 * or every read matching its query — a rule, so reads imported after it was placed are kept too.
 */
function heldReadIds(row: HoldRow): { sql: string; params: unknown[] } {
  if (row.kind === 'reads') return { sql: 'SELECT read_id FROM hold_reads WHERE hold_id = ?', params: [row.id] };
  if (row.kind === 'import') return { sql: 'SELECT id FROM plate_reads WHERE import_id = ?', params: [row.held_import_id] };
  const c = patternCandidates(row.plate_pattern!);
  const window = inQueryWindow(row);
  return { sql: `SELECT r.id FROM ${c.from} plate_reads r WHERE ${c.where} AND ${window.sql}`, params: [...c.params, ...window.params] };
}

/**
 * Whether a read `r` (a row of plate_reads) is one a hold keeps, as a condition on that row:
 * the same set as `heldReadIds`, checked read by read. The purge asks it of each read it
 * plans, so the cost follows the reads asked about, not the whole store (a query hold's
 * subquery walked a million reads whatever the step's size). A pattern is checked with GLOB,
 * exactly; the search's candidates (trigrams, a prefix) only make a subquery faster.
 */
export function keepsRead(row: HoldRow): { sql: string; params: unknown[] } {
  if (row.kind === 'reads') return { sql: 'r.id IN (SELECT read_id FROM hold_reads WHERE hold_id = ?)', params: [row.id] };
  if (row.kind === 'import') return { sql: 'r.import_id = ?', params: [row.held_import_id] };
  const window = inQueryWindow(row);
  return { sql: `r.plate_norm GLOB ? AND ${window.sql}`, params: [row.plate_pattern, ...window.params] };
}

function storedReads(db: Db, row: HoldRow): number {
  const held = heldReadIds(row);
  return db
    .prepare(`SELECT count(*) FROM committed_reads WHERE id IN (${held.sql})`)
    .pluck()
    .get(...held.params) as number;
}

export function toHold(db: Db, row: HoldRow): Hold {
  const cameras = row.cameras ? (JSON.parse(row.cameras) as string[]) : null;
  return {
    id: row.id,
    caseNumber: row.case_number,
    kind: row.kind,
    keeps: holdKeeps(row),
    platePattern: row.plate_pattern,
    from: row.from_ms === null ? null : new Date(row.from_ms).toISOString(),
    to: row.to_ms === null ? null : new Date(row.to_ms).toISOString(),
    cameras,
    importId: row.held_import_id,
    reason: row.reason,
    reasonText: row.reason_text,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    reviewOn: row.review_on,
    releasedAt: row.released_at === null ? null : new Date(row.released_at).toISOString(),
    releasedBy: row.released_by,
    releaseReason: row.release_reason,
    reads: storedReads(db, row),
  };
}

export function holdRows(db: Db, where = '', ...params: unknown[]): HoldRow[] {
  return db.prepare(`${HOLD_SELECT} ${where} ORDER BY h.id`).all(...params) as HoldRow[];
}

function existingHold(db: Db, id: number): HoldRow {
  const row = db.prepare(`${HOLD_SELECT} WHERE h.id = ?`).get(id) as HoldRow | undefined;
  if (!row) throw notFound('no-hold', `There is no hold ${id}.`);
  return row;
}

function addEvent(db: Db, holdId: number, event: 'placed' | 'extended' | 'released', actor: Actor, now: Date, detail: string): void {
  db.prepare('INSERT INTO hold_events(hold_id, event, at, by, detail) VALUES (?, ?, ?, ?, ?)').run(
    holdId,
    event,
    now.toISOString(),
    actor.username,
    detail,
  );
}

function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

export function placeHold(db: Db, input: OpParsedInput<'hold.place'>, settings: Settings, actor: Actor, now: Date): Hold {
  const held = existingCase(db, input.caseNumber);
  if (held.closedOn !== null)
    throw invalid('case-closed', `Case ${held.number} is closed: reopen it by opening a new case before placing holds.`);
  const today = isoDay(now);
  const reviewOn = input.reviewOn ?? addDays(today, settings.holdReviewDays[input.reason]);
  if (reviewOn <= today)
    throw invalid('review-past', `The review date ${reviewOn} must be after today.`, [
      { path: 'reviewOn', message: 'Give a review date after today.' },
    ]);
  if (input.importId !== undefined) {
    const status = db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get(input.importId) as string | undefined;
    if (status !== 'committed') throw notFound('no-import', `There is no finished import ${input.importId} to hold.`);
  }
  const query = input.query;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO holds(case_id, kind, plate_pattern, from_ms, to_ms, cameras, held_import_id, reason, reason_text, placed_by, placed_at, review_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      held.id,
      input.readIds ? 'reads' : query ? 'query' : 'import',
      query ? normalisePattern(query.plate) : null,
      query ? Date.parse(query.from) : null,
      query ? Date.parse(query.to) : null,
      query?.cameras?.length ? JSON.stringify(query.cameras) : null,
      input.importId ?? null,
      input.reason,
      input.reasonText ?? null,
      actor.username,
      now.toISOString(),
      reviewOn,
    );
  const id = Number(lastInsertRowid);
  if (input.readIds) {
    const ids = [...new Set(input.readIds)];
    const missing = ids.filter((readId) => !db.prepare('SELECT 1 FROM committed_reads WHERE id = ?').get(readId));
    if (missing.length)
      throw notFound(
        'no-read',
        `There is no stored read ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}.`,
      );
    const insert = db.prepare('INSERT INTO hold_reads(hold_id, read_id) VALUES (?, ?)');
    for (const readId of ids) insert.run(id, readId);
  }
  const row = existingHold(db, id);
  const hold = toHold(db, row);
  addEvent(db, id, 'placed', actor, now, `${holdLabel(row)}; ${hold.reads} stored reads; review on ${reviewOn}`);
  return hold;
}

export function extendHold(db: Db, input: OpParsedInput<'hold.extend'>, settings: Settings, actor: Actor, now: Date): Hold {
  const row = activeHold(db, input.holdId);
  const today = isoDay(now);
  const reviewOn = input.reviewOn ?? addDays(today, settings.holdReviewDays[row.reason]);
  if (reviewOn <= today)
    throw invalid('review-past', `The review date ${reviewOn} must be after today.`, [
      { path: 'reviewOn', message: 'Give a review date after today.' },
    ]);
  db.prepare('UPDATE holds SET review_on = ? WHERE id = ?').run(reviewOn, row.id);
  addEvent(db, row.id, 'extended', actor, now, `review moved from ${row.review_on} to ${reviewOn}`);
  return toHold(db, existingHold(db, row.id));
}

export function releaseHold(db: Db, input: OpParsedInput<'hold.release'>, actor: Actor, now: Date): Hold {
  const row = activeHold(db, input.holdId);
  db.prepare('UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?').run(
    now.getTime(),
    actor.username,
    input.reason,
    row.id,
  );
  addEvent(db, row.id, 'released', actor, now, input.reason);
  return toHold(db, existingHold(db, row.id));
}

function activeHold(db: Db, id: number): HoldRow {
  const row = existingHold(db, id);
  if (row.released_at !== null)
    throw invalid(
      'hold-released',
      `Hold ${id} was released on ${new Date(row.released_at).toISOString().slice(0, 10)}; place a new hold to keep the reads again.`,
    );
  return row;
}

/** Active holds whose review date has come. */
export function holdsDue(db: Db, today: string): HoldRow[] {
  return holdRows(db, 'WHERE h.released_at IS NULL AND h.review_on <= ?', today);
}

export function holdEvents(db: Db, caseId: number) {
  return db
    .prepare(
      'SELECT e.id, e.hold_id AS holdId, e.event, e.at, e.by, e.detail FROM hold_events e JOIN holds h ON h.id = e.hold_id WHERE h.case_id = ? ORDER BY e.id',
    )
    .all(caseId) as { id: number; holdId: number; event: string; at: string; by: string; detail: string }[];
}
