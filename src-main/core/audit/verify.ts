import type { CheckpointFile, VerifyResult } from '../../contract/schemas';
import type { Steps } from '../steps';
import type { Db } from '../store/database';
import { cachedStatement } from '../store/statements';
import { entryHashHex, genesisHash, HASHED_COLUMNS } from './chain';
import { schemaProblems } from './schema-problems';
import { checkpointSignatureValid, signingPublicKey } from './signing';

type Problem = NonNullable<VerifyResult['problem']>;

interface StoredCheckpoint {
  seq: number;
  head_hash: Buffer;
  at: string;
  signature: Buffer;
}

/** Entries read per step; between steps a job reports progress and may be cancelled. */
const ENTRIES_PER_STEP = 20_000;

/**
 * Hold the store's schema against the one the migrations make (a dropped or altered
 * append-only trigger shows there), walk the whole chain from the genesis hash, then hold
 * every stored checkpoint and the given exported one against it. Reports every schema
 * problem and the first problem of the chain: an edited entry (its hash no longer
 * matches), a deleted, inserted or reordered one (the sequence or the link to the previous
 * hash breaks), or a log cut below a checkpoint.
 *
 * Runs in steps of ENTRIES_PER_STEP entries, yielding progress after each; no query stays
 * open across a step, so other work can use the store between steps. `db` is asked for
 * at every step because rotating the master key reopens the store.
 */
export function* verifyAuditLog(db: () => Db, workspaceId: string, exported?: CheckpointFile): Steps<VerifyResult> {
  const schema = schemaProblems(db());
  const genesis = genesisHash(workspaceId).toString('hex');
  const hashAt = new Map<number, string>([[0, genesis]]);
  const total = (db().prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
  const hashed = HASHED_COLUMNS.length;
  let expectedSeq = 1;
  let prev = genesis;
  let lastSeq = 0;
  let problem: Problem | null = null;
  // Checkpoints signed while the walk runs are left for the next verification.
  const checkpoints = storedCheckpoints(db());
  const wanted = new Set<number>([...checkpoints.map((c) => c.seq), ...(exported ? [exported.seq] : [])]);
  for (;;) {
    const store = db();
    // Raw rows (arrays) with the hashes as hex: a million entries verify in seconds.
    const rows = cachedStatement(
      store,
      `SELECT ${HASHED_COLUMNS.join(', ')}, lower(hex(prev_hash)), lower(hex(hash)) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${ENTRIES_PER_STEP}`,
    )
      .raw()
      .all(lastSeq) as unknown[][];
    for (const row of rows) {
      const seq = row[0] as number;
      const prevHash = row[hashed] as string;
      const hash = row[hashed + 1] as string;
      row.length = hashed;
      problem = rowProblem(seq, expectedSeq, prev, prevHash, () => entryHashHex(prev, row) === hash);
      if (problem) break;
      prev = hash;
      lastSeq = seq;
      if (wanted.has(seq)) hashAt.set(seq, hash);
      expectedSeq++;
    }
    if (problem || rows.length < ENTRIES_PER_STEP) break;
    yield { done: expectedSeq - 1, total: Math.max(total, expectedSeq - 1), unit: 'entries' };
  }
  const headSeq = expectedSeq - 1;

  let checked = 0;
  if (!problem) {
    const publicKey = signingPublicKey(db());
    for (const c of checkpoints) {
      problem = checkpointProblem(
        publicKey,
        workspaceId,
        { seq: c.seq, headHash: c.head_hash.toString('hex'), at: c.at, signature: c.signature },
        hashAt,
        headSeq,
        'A checkpoint stored in the workspace',
      );
      if (problem) break;
      checked++;
    }
    if (!problem && exported) {
      problem =
        exported.workspaceId !== workspaceId
          ? {
              seq: null,
              kind: 'checkpoint-foreign',
              message: `The checkpoint file belongs to workspace ${exported.workspaceId}, not this one (${workspaceId}).`,
            }
          : exported.publicKey !== publicKey
            ? {
                seq: null,
                kind: 'checkpoint-key',
                message:
                  "The checkpoint file was signed with a different key than this workspace's signing key: the key or the file has been replaced.",
              }
            : checkpointProblem(
                publicKey,
                workspaceId,
                { ...exported, signature: Buffer.from(exported.signature, 'base64') },
                hashAt,
                headSeq,
                'The checkpoint file',
              );
      if (!problem) checked++;
    }
  }
  return {
    ok: problem === null && schema.length === 0,
    entries: headSeq,
    headSeq,
    checkpointsChecked: checked,
    problem,
    schemaProblems: schema,
  };
}

function storedCheckpoints(db: Db): StoredCheckpoint[] {
  return cachedStatement(db, 'SELECT seq, head_hash, at, signature FROM audit_checkpoints ORDER BY seq').all() as StoredCheckpoint[];
}

function rowProblem(seq: number, expectedSeq: number, prev: string, prevHash: string, hashMatches: () => boolean): Problem | null {
  if (seq > expectedSeq) {
    const gap = seq - expectedSeq === 1 ? `entry ${expectedSeq} is` : `entries ${expectedSeq} to ${seq - 1} are`;
    return { seq: expectedSeq, kind: 'missing', message: `The access log is broken: ${gap} missing (deleted).` };
  }
  if (prevHash !== prev) {
    return {
      seq,
      kind: 'out-of-chain',
      message: `The access log is broken at entry ${seq}: it does not follow entry ${seq - 1} (an entry was deleted, inserted or moved).`,
    };
  }
  if (!hashMatches()) {
    return { seq, kind: 'altered', message: `The access log is broken at entry ${seq}: its content was changed after it was written.` };
  }
  return null;
}

function checkpointProblem(
  publicKey: string,
  workspaceId: string,
  c: { seq: number; headHash: string; at: string; signature: Buffer },
  hashAt: Map<number, string>,
  headSeq: number,
  what: string,
): Problem | null {
  if (!checkpointSignatureValid(publicKey, workspaceId, c.seq, c.headHash, c.at, c.signature)) {
    return {
      seq: c.seq,
      kind: 'checkpoint-signature',
      message: `${what} (entry ${c.seq}, ${c.at}) has a signature that does not verify: it was altered or forged.`,
    };
  }
  if (c.seq > headSeq) {
    return {
      seq: c.seq,
      kind: 'truncated',
      message: `The access log was cut short: ${what.toLowerCase()} signed on ${c.at} covers ${c.seq} entries, but the log now ends at entry ${headSeq}.`,
    };
  }
  if (hashAt.get(c.seq) !== c.headHash) {
    return {
      seq: c.seq,
      kind: 'rewritten',
      message: `The access log was rewritten: entry ${c.seq} no longer matches ${what.toLowerCase()} signed on ${c.at}.`,
    };
  }
  return null;
}
