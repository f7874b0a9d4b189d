import type { Case } from '../../contract/cases';
import type { OpParsedInput } from '../../contract/operations';
import type { Actor } from '../auth/sessions';
import { isoDay } from '../clock';
import { invalid, notFound } from '../errors';
import type { Db } from '../store/database';

interface CaseRow {
  id: number;
  number: string;
  title: string;
  type: string;
  lead: string;
  opened_on: string;
  closed_on: string | null;
  created_by: string;
  created_at: string;
  active_holds: number;
}

const CASE_COLUMNS = `c.*, (SELECT count(*) FROM holds h WHERE h.case_id = c.id AND h.released_at IS NULL) AS active_holds`;

function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type: row.type,
    lead: row.lead,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    status: row.closed_on === null ? 'open' : 'closed',
    createdBy: row.created_by,
    createdAt: row.created_at,
    activeHolds: row.active_holds,
  };
}

export function createCase(db: Db, input: OpParsedInput<'case.create'>, actor: Actor, now: Date): Case {
  if (findCase(db, input.number))
    throw invalid('case-exists', `There is already a case ${input.number}.`, [
      { path: 'number', message: 'This case number is already open or on file.' },
    ]);
  const { lastInsertRowid } = db
    .prepare('INSERT INTO cases(number, title, type, lead, opened_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.number, input.title, input.type, input.lead, input.openedOn ?? isoDay(now), actor.username, now.toISOString());
  return caseById(db, Number(lastInsertRowid));
}

export function findCase(db: Db, number: string): Case | undefined {
  const row = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.number = ?`).get(number) as CaseRow | undefined;
  return row && toCase(row);
}

export function existingCase(db: Db, number: string): Case {
  const found = findCase(db, number);
  if (!found) throw notFound('no-case', `There is no case ${number}. Open it on the Cases & holds page or with custodian case create.`);
  return found;
}

export function caseById(db: Db, id: number): Case {
  return toCase(db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = ?`).get(id) as CaseRow);
}

export function listCases(db: Db, status?: 'open' | 'closed'): Case[] {
  const where = status === undefined ? '' : status === 'open' ? 'WHERE c.closed_on IS NULL' : 'WHERE c.closed_on IS NOT NULL';
  return (db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c ${where} ORDER BY c.opened_on DESC, c.id DESC`).all() as CaseRow[]).map(toCase);
}

/** Closing a case keeps its holds: while any is active, the case waits on the review queue. */
export function closeCase(db: Db, number: string, closedOn: string): Case {
  const found = existingCase(db, number);
  if (found.closedOn !== null) throw invalid('case-closed', `Case ${number} was already closed on ${found.closedOn}.`);
  if (closedOn < found.openedOn)
    throw invalid('closed-before-opened', `Case ${number} was opened on ${found.openedOn}: it cannot close on ${closedOn}.`);
  db.prepare('UPDATE cases SET closed_on = ? WHERE id = ?').run(closedOn, found.id);
  return caseById(db, found.id);
}

/** Closed cases whose holds are still active: the commander decides whether to release them. */
export function closedCasesWithHolds(db: Db): Case[] {
  return (
    db
      .prepare(
        `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM holds h WHERE h.case_id = c.id AND h.released_at IS NULL) ORDER BY c.closed_on`,
      )
      .all() as CaseRow[]
  ).map(toCase);
}
