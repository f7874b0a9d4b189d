import type { AuditEntry, AuditFilter } from '../../contract/schemas';
import type { Db } from '../store/database';
import type { StoredAuditRow } from './chain';

/** A day (YYYY-MM-DD) as a bound: "from" starts at its first millisecond, "to" includes all of it. */
function bound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  return new Date(value).toISOString();
}

function whereClause(filter: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    parts.push(condition);
    params.push(value);
  };
  if (filter.from) add('at >= ?', bound(filter.from, false));
  if (filter.to) add('at <= ?', bound(filter.to, true));
  if (filter.username) add('username = ? COLLATE NOCASE', filter.username);
  if (filter.operation) add('operation = ?', filter.operation);
  if (filter.caseNumber) add('case_number = ?', filter.caseNumber);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function toAuditEntry(row: StoredAuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    operation: row.operation,
    objects: JSON.parse(row.objects) as unknown,
    caseNumber: row.case_number,
    purpose: row.purpose,
    outcome: row.outcome as AuditEntry['outcome'],
    reason: row.reason,
    workstation: row.workstation,
  };
}

export function countAuditEntries(db: Db, filter: AuditFilter): number {
  const where = whereClause(filter);
  return db
    .prepare(`SELECT count(*) FROM audit_log ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
}

/**
 * Up to `limit` entries matching `filter` with afterSeq < seq <= throughSeq, in sequence
 * order: one step of a walk that holds no query open between steps (keyset paging).
 */
export function readAuditEntriesAfter(db: Db, filter: AuditFilter, afterSeq: number, throughSeq: number, limit: number): AuditEntry[] {
  const where = whereClause(filter);
  const sql = `SELECT * FROM audit_log ${where.sql ? `${where.sql} AND` : 'WHERE'} seq > ? AND seq <= ? ORDER BY seq LIMIT ?`;
  return (db.prepare(sql).all(...where.params, afterSeq, throughSeq, limit) as StoredAuditRow[]).map(toAuditEntry);
}

/** Entries in sequence order, newest last; `limit` undefined means all of them. */
export function* iterateAuditEntries(db: Db, filter: AuditFilter, page?: { offset: number; limit: number }): Generator<AuditEntry> {
  const where = whereClause(filter);
  const paging = page ? `LIMIT ${page.limit} OFFSET ${page.offset}` : '';
  const stmt = db.prepare(`SELECT * FROM audit_log ${where.sql} ORDER BY seq ${paging}`);
  for (const row of stmt.iterate(...where.params) as IterableIterator<StoredAuditRow>) yield toAuditEntry(row);
}
