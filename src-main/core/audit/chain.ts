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

/** The columns an entry's hash covers, in the order they are hashed. */
export const HASHED_COLUMNS = [
  'seq',
  'at',
  'account_id',
  'username',
  'full_name',
  'role',
  'operation',
  'objects',
  'case_number',
  'purpose',
  'outcome',
  'reason',
  'workstation',
] as const satisfies readonly (keyof HashedFields)[];

let scratch = Buffer.alloc(64 * 1024);

/**
 * hash(n) = SHA-256(hash(n-1) || JSON of the hashed columns of n, in HASHED_COLUMNS
 * order), as hex. Takes the values as an array so the verifier can hash raw rows
 * without building objects; one scratch buffer avoids an allocation per entry.
 */
export function entryHashHex(prevHashHex: string, values: readonly unknown[]): string {
  const content = JSON.stringify(values);
  const room = 32 + content.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (room > scratch.length) scratch = Buffer.alloc(room);
  scratch.write(prevHashHex, 0, 'hex');
  const length = 32 + scratch.write(content, 32, 'utf8');
  return crypto.hash('sha256', scratch.subarray(0, length), 'hex');
}

export function entryHash(prevHash: Buffer, row: HashedFields): Buffer {
  return Buffer.from(
    entryHashHex(
      prevHash.toString('hex'),
      HASHED_COLUMNS.map((c) => row[c]),
    ),
    'hex',
  );
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
