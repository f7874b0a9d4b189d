import crypto from 'node:crypto';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statements';

/** What a caller gives; sequence, time and hashes are the log's own. */
export interface NewAuditEntry {
  at: string;
  accountId: number | null;
  username: string | null;
  fullName: string | null;
  role: string | null;
  operation: string;
  objects: unknown;
  caseNumber: string | null;
  purpose: string | null;
  outcome: 'ok' | 'denied' | 'error';
  reason: string | null;
  workstation: string;
}

export interface StoredAuditRow {
  seq: number;
  at: string;
  account_id: number | null;
  username: string | null;
  full_name: string | null;
  role: string | null;
  operation: string;
  objects: string;
  case_number: string | null;
  purpose: string | null;
  outcome: string;
  reason: string | null;
  workstation: string;
  prev_hash: Buffer;
  hash: Buffer;
}

/** The chain starts from a hash of the workspace id, so two workspaces' logs never interleave. */
export function genesisHash(workspaceId: string): Buffer {
  return crypto.createHash('sha256').update(`custodian-audit-genesis-v1\0${workspaceId}`).digest();
}

/** JSON with sorted keys, so the same objects always give the same text and hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

type HashedFields = Omit<StoredAuditRow, 'prev_hash' | 'hash'>;

/** hash(n) = SHA-256(hash(n-1) || canonical content of n). Every column takes part. */
export function entryHash(prevHash: Buffer, row: HashedFields): Buffer {
  const content = JSON.stringify([
    row.seq,
    row.at,
    row.account_id,
    row.username,
    row.full_name,
    row.role,
    row.operation,
    row.objects,
    row.case_number,
    row.purpose,
    row.outcome,
    row.reason,
    row.workstation,
  ]);
  return crypto.createHash('sha256').update(prevHash).update(content).digest();
}

export interface ChainHead {
  seq: number;
  hash: Buffer;
}

export function chainHead(db: Db, workspaceId: string): ChainHead {
  const last = cachedStatement(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
  return last ?? { seq: 0, hash: genesisHash(workspaceId) };
}

const INSERT = `INSERT INTO audit_log(seq, at, account_id, username, full_name, role, operation, objects, case_number, purpose, outcome, reason, workstation, prev_hash, hash)
  VALUES (@seq, @at, @account_id, @username, @full_name, @role, @operation, @objects, @case_number, @purpose, @outcome, @reason, @workstation, @prev_hash, @hash)`;

/**
 * Append one entry after the current head. Call inside the transaction of the work it
 * records, so the entry and the work land together or not at all.
 */
export function appendAuditEntry(db: Db, workspaceId: string, entry: NewAuditEntry): number {
  const head = chainHead(db, workspaceId);
  const row: HashedFields = {
    seq: head.seq + 1,
    at: entry.at,
    account_id: entry.accountId,
    username: entry.username,
    full_name: entry.fullName,
    role: entry.role,
    operation: entry.operation,
    objects: canonicalJson(entry.objects ?? null),
    case_number: entry.caseNumber,
    purpose: entry.purpose,
    outcome: entry.outcome,
    reason: entry.reason,
    workstation: entry.workstation,
  };
  cachedStatement(db, INSERT).run({ ...row, prev_hash: head.hash, hash: entryHash(head.hash, row) });
  return row.seq;
}
