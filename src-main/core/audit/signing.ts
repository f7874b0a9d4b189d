import crypto from 'node:crypto';
import type { CheckpointFile } from '../../contract/schemas';
import type { Db } from '../store/database';
import { chainHead } from './chain';

/**
 * The department's Ed25519 signing key, made at init. The private half lives only inside
 * the encrypted store; the public half is what checkpoint files are checked against.
 */
export function createSigningKey(db: Db): void {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const put = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
  put.run('signing_public_key', publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
  put.run('signing_private_key', privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
}

function meta(db: Db, key: string): string {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (value === undefined) throw new Error(`workspace meta "${key}" is missing`);
  return value;
}

export function signingPublicKey(db: Db): string {
  return meta(db, 'signing_public_key');
}

function checkpointMessage(workspaceId: string, seq: number, headHash: string, at: string): Buffer {
  return Buffer.from(['custodian-audit-checkpoint-v1', workspaceId, String(seq), headHash, at].join('\0'));
}

/** Sign the current head of the log, keep the checkpoint in the store, and return it as a file. */
export function signCheckpoint(db: Db, workspaceId: string, now: Date): CheckpointFile {
  const head = chainHead(db, workspaceId);
  const at = now.toISOString();
  const headHash = head.hash.toString('hex');
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(meta(db, 'signing_private_key'), 'base64'), format: 'der', type: 'pkcs8' });
  const signature = crypto.sign(null, checkpointMessage(workspaceId, head.seq, headHash, at), privateKey);
  db.prepare('INSERT OR IGNORE INTO audit_checkpoints(seq, head_hash, at, signature) VALUES (?, ?, ?, ?)').run(
    head.seq,
    head.hash,
    at,
    signature,
  );
  return {
    format: 'custodian-audit-checkpoint',
    version: 1,
    workspaceId,
    seq: head.seq,
    headHash,
    at,
    publicKey: signingPublicKey(db),
    signature: signature.toString('base64'),
  };
}

/** True when the signature is the workspace's own over exactly these values. */
export function checkpointSignatureValid(
  publicKeyB64: string,
  workspaceId: string,
  seq: number,
  headHash: string,
  at: string,
  signature: Buffer,
): boolean {
  const publicKey = crypto.createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  return crypto.verify(null, checkpointMessage(workspaceId, seq, headHash, at), publicKey, signature);
}
