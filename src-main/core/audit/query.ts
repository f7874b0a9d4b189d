import type { AuditEntry, AuditFilter, AuditOrder } from '../../contract/schemas';
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

/** The newest entry's number, 0 for an empty log. */
export function chainHeadSeq(db: Db): number {
  return db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
}

const and = (where: { sql: string }) => (where.sql ? `${where.sql} AND` : 'WHERE');
const direction = (order: AuditOrder) => (order === 'newest-first' ? 'DESC' : 'ASC');

export interface AuditPage {
  total: number;
  headSeq: number;
  entries: AuditEntry[];
}

/**
 * One page of the entries matching `filter`, in either order, among those up to
 * `throughSeq` (the head now when not given): the list a screen pages through, which holds
 * still while reading it adds entries of its own.
 *
 * Measured at 100,000 entries (bench/audit.ts, phase D): SQLite counts and skips rows
 * with a bound on `seq` by walking the table, 200–280 ms at the far end. So the total is
 * the count without the bound (fast, through an index) less the few entries after it;
 * and the log without a filter, whose entries are numbered 1 to the head with no gaps
 * (the chain is append-only), is paged by entry number, whatever the depth.
 */
export function readAuditPage(
  db: Db,
  filter: AuditFilter,
  page: { order: AuditOrder; offset: number; limit: number; throughSeq?: number },
): AuditPage {
  const where = whereClause(filter);
  const head = Math.min(page.throughSeq ?? Infinity, chainHeadSeq(db));
  const later = db
    .prepare(`SELECT count(*) FROM audit_log ${and(where)} seq > ?`)
    .pluck()
    .get(...where.params, head) as number;
  const total = countAuditEntries(db, filter) - later;
  const { offset, limit, order } = page;
  const rows = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as StoredAuditRow[]).map(toAuditEntry);

  if (where.sql === '' && total === head && firstSeq(db) === 1) {
    const entries =
      order === 'newest-first'
        ? rows('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq DESC LIMIT ?', head - offset, limit)
        : rows('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?', offset, head, limit);
    return { total, headSeq: head, entries };
  }
  const sql = `SELECT * FROM audit_log ${and(where)} seq <= ? ORDER BY seq ${direction(order)} LIMIT ? OFFSET ?`;
  return { total, headSeq: head, entries: rows(sql, ...where.params, head, limit, offset) };
}

function firstSeq(db: Db): number | null {
  return db.prepare('SELECT min(seq) FROM audit_log').pluck().get() as number | null;
}

/**
 * Up to `limit` entries matching `filter` with seq <= throughSeq that come after the entry
 * `cursor` in `order` (oldest first: from cursor 0; newest first: from throughSeq + 1): one
 * step of a walk that holds no query open between steps (keyset paging).
 */
export function readAuditEntriesFrom(
  db: Db,
  filter: AuditFilter,
  walk: { order: AuditOrder; cursor: number; throughSeq: number; limit: number },
): AuditEntry[] {
  const where = whereClause(filter);
  const past = walk.order === 'newest-first' ? 'seq < ?' : 'seq > ?';
  const sql = `SELECT * FROM audit_log ${and(where)} ${past} AND seq <= ? ORDER BY seq ${direction(walk.order)} LIMIT ?`;
  return (db.prepare(sql).all(...where.params, walk.cursor, walk.throughSeq, walk.limit) as StoredAuditRow[]).map(toAuditEntry);
}
