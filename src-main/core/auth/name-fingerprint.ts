import crypto from 'node:crypto';
import { hashRawSync, type Algorithm } from '@node-rs/argon2';
import { DEFAULT_KDF } from '../store/keyring-crypto';

/** Algorithm.Argon2id (a const enum the package declares, which isolated modules cannot read). */
const ARGON2ID = 2 as Algorithm;

/**
 * A name tried at sign-in that is no account is never kept as typed: it may be a password
 * typed into the wrong field. It is kept as this fingerprint instead, in the sign-in counter
 * file and the access log: Argon2id of the name, keyed with the workspace's sign-in key
 * (keyring.json `signInKey`), with the key slots' own cost. The same name always gives the
 * same fingerprint, so repeated tries are counted and can be told apart; guessing the text
 * back is as slow as guessing a password at a key slot, and impossible without the key
 * (someone holding only an exported log).
 */
export function nameFingerprint(name: string, signInKey: string, workspaceId: string): string {
  const salt = crypto.createHash('sha256').update(`custodian-name-fingerprint-v1\0${workspaceId}`).digest().subarray(0, 16);
  return hashRawSync(Buffer.from(name.normalize('NFC'), 'utf8'), {
    algorithm: ARGON2ID,
    memoryCost: DEFAULT_KDF.memoryKiB,
    timeCost: DEFAULT_KDF.iterations,
    parallelism: DEFAULT_KDF.parallelism,
    outputLen: 16,
    salt,
    secret: Buffer.from(signInKey, 'base64'),
  }).toString('hex');
}
