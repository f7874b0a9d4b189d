import crypto from 'node:crypto';
import { hashRawSync, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id; the package declares it as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

/**
 * The primitives behind key slots. A slot owns an X25519 key pair: the private key is
 * encrypted under a key derived from the holder's secret (Argon2id), and the master key
 * is sealed to the public key. Sealing needs no secret, so rotating the master key can
 * re-seal every slot without anyone's password, and the database never holds a key
 * that opens a slot.
 */

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: string; // base64
}

export interface Sealed {
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface SealedToKey extends Sealed {
  ephemeralPublicKey: string;
}

/** OWASP's Argon2id guidance, with memory raised to 64 MiB: about 0.2 s here. */
export const DEFAULT_KDF = { memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function newKdfParams(): KdfParams {
  return { algorithm: 'argon2id', ...DEFAULT_KDF, salt: b64(crypto.randomBytes(16)) };
}

export function deriveKey(secret: string, params: KdfParams): Buffer {
  return hashRawSync(Buffer.from(secret.normalize('NFC'), 'utf8'), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
    salt: unb64(params.salt),
  });
}

/** A value that tells a wrong secret apart from a damaged slot without revealing the key. */
export function secretCheck(kek: Buffer): string {
  return b64(crypto.createHmac('sha256', kek).update('custodian-secret-check-v1').digest().subarray(0, 16));
}

export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Throws when the key is wrong or anything sealed (or the AAD) was altered. */
export function gcmOpen(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, unb64(sealed.iv));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(unb64(sealed.tag));
  return Buffer.concat([decipher.update(unb64(sealed.ciphertext)), decipher.final()]);
}

export function newKeyPair(): { publicKey: string; privateKeyDer: Buffer } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  return {
    publicKey: b64(publicKey.export({ type: 'spki', format: 'der' })),
    privateKeyDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

function sharedKey(privateKey: crypto.KeyObject, publicKey: crypto.KeyObject, ephemeral: string, recipient: string): Buffer {
  const shared = crypto.diffieHellman({ privateKey, publicKey });
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.from(ephemeral + recipient), 'custodian-seal-v1', 32));
}

const publicKeyObject = (spki: string) => crypto.createPublicKey({ key: unb64(spki), format: 'der', type: 'spki' });

/** Seal a secret to an X25519 public key (ephemeral-static ECDH, HKDF, AES-256-GCM). */
export function sealTo(recipientPublicKey: string, plaintext: Buffer, aad: string): SealedToKey {
  const eph = crypto.generateKeyPairSync('x25519');
  const ephemeralPublicKey = b64(eph.publicKey.export({ type: 'spki', format: 'der' }));
  const key = sharedKey(eph.privateKey, publicKeyObject(recipientPublicKey), ephemeralPublicKey, recipientPublicKey);
  return { ephemeralPublicKey, ...gcmSeal(key, plaintext, aad) };
}

export function openSealed(privateKeyDer: Buffer, recipientPublicKey: string, sealed: SealedToKey, aad: string): Buffer {
  const privateKey = crypto.createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  const key = sharedKey(privateKey, publicKeyObject(sealed.ephemeralPublicKey), sealed.ephemeralPublicKey, recipientPublicKey);
  return gcmOpen(key, sealed, aad);
}
