import fs from 'node:fs';
import path from 'node:path';
import { checkpointFileSchema, type CheckpointFile } from '../../contract/schemas';
import type { Db } from '../store/database';
import { writeFileAtomic } from '../store/files';
import { chainHead } from './chain';
import { checkpointSignatureValid, signCheckpoint, signingPublicKey } from './signing';

/**
 * Signed checkpoints kept outside the database, in a folder the commander chooses (a
 * removable medium, a share). The chain in the database proves nothing against someone who
 * holds the master key: they could drop the triggers and rebuild the whole log, and re-sign
 * the checkpoints stored beside it, because the signing key lives in the same database. A
 * checkpoint already written elsewhere cannot be changed that way, so the log is checked
 * against the newest one found at every sign-in, and a log that ends below it or differs at
 * its entry is reported loudly.
 */

/** A new checkpoint is written when the newest in the folder is older than this. */
export const CHECKPOINT_EVERY_MS = 24 * 60 * 60 * 1000;

const FILE_PREFIX = 'custodian-checkpoint-';

/** `custodian-checkpoint-<workspace>-<seq>-<time>.json`: sorts by workspace, then entry. */
function fileName(c: CheckpointFile): string {
  return `${FILE_PREFIX}${c.workspaceId}-${String(c.seq).padStart(12, '0')}-${c.at.replace(/[:.]/g, '-')}.json`;
}

export interface FoundCheckpoint {
  file: string;
  checkpoint: CheckpointFile;
}

/** The folder cannot be read (not there: a medium not inserted, a share not connected). */
export class CheckpointFolderUnreachable extends Error {}

/** The newest checkpoint of this workspace in `folder` (by entry, then time), or null when it holds none. */
export function newestCheckpoint(folder: string, workspaceId: string): FoundCheckpoint | null {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    throw new CheckpointFolderUnreachable(`${folder} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let newest: FoundCheckpoint | null = null;
  for (const name of names) {
    if (!name.startsWith(`${FILE_PREFIX}${workspaceId}-`) || !name.endsWith('.json')) continue;
    const file = path.join(folder, name);
    let parsed;
    try {
      parsed = checkpointFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      continue;
    }
    if (!parsed.success || parsed.data.workspaceId !== workspaceId) continue;
    const c = parsed.data;
    if (!newest || c.seq > newest.checkpoint.seq || (c.seq === newest.checkpoint.seq && c.at > newest.checkpoint.at)) {
      newest = { file, checkpoint: c };
    }
  }
  return newest;
}

/**
 * What is wrong with the log against a checkpoint written earlier, in a sentence, or null
 * when the log still holds that entry with that hash. Reads two rows, not the whole chain
 * (`audit verify` walks the chain).
 */
export function logAgainstCheckpoint(db: Db, workspaceId: string, found: FoundCheckpoint): string | null {
  const c = found.checkpoint;
  const where = `the checkpoint ${path.basename(found.file)} (entry ${c.seq}, signed ${c.at})`;
  if (c.publicKey !== signingPublicKey(db)) {
    return `The workspace's signing key is not the one that signed ${where}: the key or the log has been replaced.`;
  }
  if (!checkpointSignatureValid(c.publicKey, workspaceId, c.seq, c.headHash, c.at, Buffer.from(c.signature, 'base64'))) {
    return `The signature of ${where} does not hold: the file has been altered.`;
  }
  const head = chainHead(db, workspaceId);
  if (head.seq < c.seq) {
    return `The access log ends at entry ${head.seq}, before ${where}: entries have been removed.`;
  }
  const hash = db.prepare('SELECT lower(hex(hash)) FROM audit_log WHERE seq = ?').pluck().get(c.seq) as string | undefined;
  if (c.seq > 0 && hash !== c.headHash) {
    return `Entry ${c.seq} of the access log is not the entry ${where} signed: the log has been cut short and written on, or rewritten.`;
  }
  return null;
}

/** Sign the log's head (kept in the store too) and write it into `folder` as a new file, synced to the medium. */
export function writeOutsideCheckpoint(db: Db, workspaceId: string, now: Date, folder: string): FoundCheckpoint {
  const checkpoint = signCheckpoint(db, workspaceId, now);
  const file = path.join(folder, fileName(checkpoint));
  writeFileAtomic(file, JSON.stringify(checkpoint, null, 2) + '\n');
  return { file, checkpoint };
}

/** What a document the workstation issues carries of the log at that moment: each recipient then holds a witness of it. */
export function logWitness(db: Db, workspaceId: string): { seq: number; headHash: string } {
  const head = chainHead(db, workspaceId);
  return { seq: head.seq, headHash: head.hash.toString('hex') };
}

/** An access-log entry the keeper writes: the program did it, not a person. */
export interface CheckpointEvent {
  operation: 'audit.checkpointWritten' | 'audit.checkpointProblem';
  objects: Record<string, unknown>;
  outcome: 'ok' | 'error';
  reason: string | null;
}

/**
 * When checkpoints go outside: checked at every sign-in against the newest one in the
 * folder, and a new one written when the newest is a day old, after an operation that asks
 * for one (`checkpointAfter` in the contract: a master-key rotation, a change of settings,
 * and the purge and release decisions to come), and once a day while the app stays open.
 */
export class OutsideCheckpointKeeper {
  /** when this process last wrote or found a current checkpoint (ms) */
  private lastCurrentAt = 0;

  constructor(
    private readonly workspaceId: string,
    private readonly record: (db: Db, event: CheckpointEvent) => void,
  ) {}

  /**
   * At sign-in: the warnings to show the person (each also logged); empty when all is well,
   * and when no folder is set (the commander's screens say so).
   */
  atSignIn(db: Db, folder: string | null, now: Date): string[] {
    if (!folder) return [];
    let newest: FoundCheckpoint | null;
    try {
      newest = newestCheckpoint(folder, this.workspaceId);
    } catch (error) {
      if (!(error instanceof CheckpointFolderUnreachable)) throw error;
      const sentence = `The checkpoint folder ${folder} cannot be reached (is the medium in, the share connected?): the access log was not checked against it and no checkpoint was written.`;
      this.record(db, { operation: 'audit.checkpointProblem', objects: { folder }, outcome: 'error', reason: sentence });
      return [sentence];
    }
    const warnings: string[] = [];
    if (newest) {
      const problem = logAgainstCheckpoint(db, this.workspaceId, newest);
      if (problem) {
        const sentence = `${problem} Tell the commander at once; do not trust this workstation's access log until it has been looked into.`;
        this.record(db, {
          operation: 'audit.checkpointProblem',
          objects: { folder, checkpoint: path.basename(newest.file), seq: newest.checkpoint.seq },
          outcome: 'error',
          reason: sentence,
        });
        warnings.push(sentence);
      }
    }
    const newestAt = newest ? Date.parse(newest.checkpoint.at) : 0;
    if (now.getTime() - newestAt >= CHECKPOINT_EVERY_MS) this.write(db, folder, now, 'the newest checkpoint was a day old');
    else this.lastCurrentAt = newestAt;
    return warnings;
  }

  /** After a call that went through: a checkpoint when the operation asks for one, or a day has passed. */
  afterCall(db: Db, folder: string | null, now: Date, operationAsks: boolean): void {
    if (!folder) return;
    if (operationAsks) this.write(db, folder, now, 'after the operation that asks for one');
    else if (this.lastCurrentAt && now.getTime() - this.lastCurrentAt >= CHECKPOINT_EVERY_MS)
      this.write(db, folder, now, 'a day had passed');
  }

  private write(db: Db, folder: string, now: Date, why: string): void {
    try {
      const written = db.transaction(() => {
        const found = writeOutsideCheckpoint(db, this.workspaceId, now, folder);
        this.record(db, {
          operation: 'audit.checkpointWritten',
          objects: { folder, file: path.basename(found.file), seq: found.checkpoint.seq, headHash: found.checkpoint.headHash },
          outcome: 'ok',
          reason: `written ${why}`,
        });
        return found;
      })();
      this.lastCurrentAt = Date.parse(written.checkpoint.at);
    } catch (error) {
      this.record(db, {
        operation: 'audit.checkpointProblem',
        objects: { folder },
        outcome: 'error',
        reason: `No checkpoint could be written to ${folder}: ${(error as Error).message}`,
      });
    }
  }
}
