import type { AuditEntry, AuditFilter, AuditOrder } from '../../contract/schemas';
import type { Db } from '../store/database';
import type { StoredAuditRow } from './chain';

/** A day (YYYY-MM-DD) as a bound: "from" starts at its first millisecond, "to" includes all of it. */
function bound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  return new Date(value).toISOString();
}

interface Where {
  sql: string;
  params: unknown[];
}

/** The filter as SQL; `walkBySeq` keeps the time index out of it (see `walkWhere`). */
function whereClause(filter: AuditFilter, walkBySeq = false): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    parts.push(condition);
    params.push(value);
  };
  const at = walkBySeq ? '+at' : 'at';
  if (filter.from) add(`${at} >= ?`, bound(filter.from, false));
  if (filter.to) add(`${at} <= ?`, bound(filter.to, true));
  if (filter.username) add('username = ? COLLATE NOCASE', filter.username);
  if (filter.operation) add('operation = ?', filter.operation);
  if (filter.caseNumber) add('case_number = ?', filter.caseNumber);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Entry numbers from `first` to `last`, both included; any entry when unbounded. */
interface SeqSpan {
  first: number;
  last: number;
}

const ANY_SEQ: SeqSpan = { first: Number.MIN_SAFE_INTEGER, last: Number.MAX_SAFE_INTEGER };

/**
 * The filter for reading entries in `seq` order, with the span of entry numbers it can
 * match. Given a time window, SQLite would take the time index, gather every entry in the
 * window and sort them, for each page (280 ms for a page of a 100,000-entry window,
 * bench/audit.ts phase D). Instead the window's first and last entry numbers are read from
 * the time index (index only), and the entries are walked by number between them, each
 * still held to the window: times follow the numbers, except refusals recorded late with
 * their own time, which the span takes in.
 */
function walkWhere(db: Db, filter: AuditFilter): { where: Where; span: SeqSpan } {
  const where = whereClause(filter, true);
  if (!filter.from && !filter.to) return { where, span: ANY_SEQ };
  const window = whereClause({ from: filter.from, to: filter.to });
  const span = db.prepare(`SELECT min(seq) AS first, max(seq) AS last FROM audit_log ${window.sql}`).get(...window.params) as {
    first: number | null;
    last: number | null;
  };
  return { where, span: span.first === null || span.last === null ? { first: 1, last: 0 } : { first: span.first, last: span.last } };
}

/**
 * "seq BETWEEN first AND last" and the filter: one lower and one upper bound on the row
 * number, which SQLite walks directly (given two lower bounds, it walks from one of them).
 */
function between(where: Where, first: number, last: number): { sql: string; params: unknown[] } {
  return { sql: `${where.sql ? `${where.sql} AND` : 'WHERE'} seq BETWEEN ? AND ?`, params: [...where.params, first, last] };
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
  const { where, span } = walkWhere(db, filter);
  const head = Math.min(page.throughSeq ?? Infinity, chainHeadSeq(db));
  const after = between(where, Math.max(span.first, head + 1), span.last);
  const later = db
    .prepare(`SELECT count(*) FROM audit_log ${after.sql}`)
    .pluck()
    .get(...after.params) as number;
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
  const upTo = between(where, span.first, Math.min(span.last, head));
  const sql = `SELECT * FROM audit_log ${upTo.sql} ORDER BY seq ${direction(order)} LIMIT ? OFFSET ?`;
  return { total, headSeq: head, entries: rows(sql, ...upTo.params, limit, offset) };
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
  const { where, span } = walkWhere(db, filter);
  const last = Math.min(span.last, walk.throughSeq);
  const range =
    walk.order === 'newest-first'
      ? between(where, span.first, Math.min(last, walk.cursor - 1))
      : between(where, Math.max(span.first, walk.cursor + 1), last);
  const sql = `SELECT * FROM audit_log ${range.sql} ORDER BY seq ${direction(walk.order)} LIMIT ?`;
  return (db.prepare(sql).all(...range.params, walk.limit) as StoredAuditRow[]).map(toAuditEntry);
}
