import type { CheckpointFile, VerifyResult } from '../../contract/schemas';
import type { Db } from '../store/database';
import { entryHash, genesisHash, type StoredAuditRow } from './chain';
import { checkpointSignatureValid, signingPublicKey } from './signing';

type Problem = NonNullable<VerifyResult['problem']>;

interface StoredCheckpoint {
  seq: number;
  head_hash: Buffer;
  at: string;
  signature: Buffer;
}

/**
 * Walk the whole chain from the genesis hash, then hold every stored checkpoint and the
 * given exported one against it. Reports the first problem: an edited entry (its hash no
 * longer matches), a deleted, inserted or reordered one (the sequence or the link to the
 * previous hash breaks), or a log cut below a checkpoint.
 */
export function verifyAuditLog(db: Db, workspaceId: string, exported?: CheckpointFile): VerifyResult {
  const hashAt = new Map<number, Buffer>();
  const checkpoints = db.prepare('SELECT seq, head_hash, at, signature FROM audit_checkpoints ORDER BY seq').all() as StoredCheckpoint[];
  const wanted = new Set<number>([...checkpoints.map((c) => c.seq), ...(exported ? [exported.seq] : [])]);

  let expectedSeq = 1;
  let prev = genesisHash(workspaceId);
  let entries = 0;
  let problem: Problem | null = null;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredAuditRow>) {
    problem = rowProblem(row, expectedSeq, prev);
    if (problem) break;
    prev = row.hash;
    if (wanted.has(row.seq)) hashAt.set(row.seq, row.hash);
    expectedSeq++;
    entries++;
  }
  const headSeq = expectedSeq - 1;
  hashAt.set(0, genesisHash(workspaceId));

  let checked = 0;
  if (!problem) {
    const publicKey = signingPublicKey(db);
    for (const c of checkpoints) {
      problem = checkpointProblem(publicKey, workspaceId, { seq: c.seq, headHash: c.head_hash.toString('hex'), at: c.at, signature: c.signature }, hashAt, headSeq, 'A checkpoint stored in the workspace');
      if (problem) break;
      checked++;
    }
    if (!problem && exported) {
      problem =
        exported.workspaceId !== workspaceId
          ? { seq: null, kind: 'checkpoint-foreign', message: `The checkpoint file belongs to workspace ${exported.workspaceId}, not this one (${workspaceId}).` }
          : exported.publicKey !== publicKey
            ? { seq: null, kind: 'checkpoint-key', message: "The checkpoint file was signed with a different key than this workspace's signing key: the key or the file has been replaced." }
            : checkpointProblem(publicKey, workspaceId, { ...exported, signature: Buffer.from(exported.signature, 'base64') }, hashAt, headSeq, 'The checkpoint file');
      if (!problem) checked++;
    }
  }
  return { ok: problem === null, entries, headSeq, checkpointsChecked: checked, problem };
}

function rowProblem(row: StoredAuditRow, expectedSeq: number, prev: Buffer): Problem | null {
  if (row.seq > expectedSeq) {
    const gap = row.seq - expectedSeq === 1 ? `entry ${expectedSeq} is` : `entries ${expectedSeq} to ${row.seq - 1} are`;
    return { seq: expectedSeq, kind: 'missing', message: `The access log is broken: ${gap} missing (deleted).` };
  }
  if (!row.prev_hash.equals(prev)) {
    return {
      seq: row.seq,
      kind: 'out-of-chain',
      message: `The access log is broken at entry ${row.seq}: it does not follow entry ${row.seq - 1} (an entry was deleted, inserted or moved).`,
    };
  }
  if (!entryHash(prev, row).equals(row.hash)) {
    return { seq: row.seq, kind: 'altered', message: `The access log is broken at entry ${row.seq}: its content was changed after it was written.` };
  }
  return null;
}

function checkpointProblem(
  publicKey: string,
  workspaceId: string,
  c: { seq: number; headHash: string; at: string; signature: Buffer },
  hashAt: Map<number, Buffer>,
  headSeq: number,
  what: string,
): Problem | null {
  if (!checkpointSignatureValid(publicKey, workspaceId, c.seq, c.headHash, c.at, c.signature)) {
    return { seq: c.seq, kind: 'checkpoint-signature', message: `${what} (entry ${c.seq}, ${c.at}) has a signature that does not verify: it was altered or forged.` };
  }
  if (c.seq > headSeq) {
    return {
      seq: c.seq,
      kind: 'truncated',
      message: `The access log was cut short: ${what.toLowerCase()} signed on ${c.at} covers ${c.seq} entries, but the log now ends at entry ${headSeq}.`,
    };
  }
  if (!hashAt.get(c.seq)?.equals(Buffer.from(c.headHash, 'hex'))) {
    return { seq: c.seq, kind: 'rewritten', message: `The access log was rewritten: entry ${c.seq} no longer matches ${what.toLowerCase()} signed on ${c.at}.` };
  }
  return null;
}
