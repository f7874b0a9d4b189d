import crypto from 'node:crypto';
import { z } from 'zod';
import { denied, failed } from '../errors';
import { readJsonFile, writeFileAtomic } from './files';
import { deriveKey, gcmOpen, gcmSeal, newKdfParams, newKeyPair, openSealed, sealTo, secretCheck } from './keyring-crypto';

const sealed = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });

const slotSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['account', 'recovery']),
  /** lower-cased username for account slots, null for the recovery slot */
  username: z.string().nullable(),
  createdAt: z.string(),
  publicKey: z.string(),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int().min(8192),
    iterations: z.number().int().min(1),
    parallelism: z.number().int().min(1),
    salt: z.string(),
  }),
  secretCheck: z.string(),
  privateKey: sealed,
  masterKey: sealed.extend({ ephemeralPublicKey: z.string() }),
});
export type KeySlot = z.infer<typeof slotSchema>;

const keyringSchema = z.object({
  format: z.literal('custodian-keyring'),
  version: z.literal(1),
  workspaceId: z.string().uuid(),
  slots: z.array(slotSchema),
  /** usernames whose slot was removed when the account was disabled */
  retired: z.array(z.object({ username: z.string(), at: z.string() })),
  /**
   * The key under which a name tried at sign-in that is no account is fingerprinted (auth/
   * name-fingerprint.ts); base64, 32 bytes. Written at the first need in a workspace made
   * before it existed.
   */
  signInKey: z.string().optional(),
});
export type Keyring = z.infer<typeof keyringSchema>;

export function emptyKeyring(workspaceId: string): Keyring {
  return { format: 'custodian-keyring', version: 1, workspaceId, slots: [], retired: [], signInKey: newSignInKey() };
}

export function newSignInKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

export function loadKeyring(file: string): Keyring {
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw failed('keyring-missing', `The keyring (${file}) is missing. Restore keyring.json from this workspace's backup.`);
    }
    throw failed('keyring-damaged', `The keyring (${file}) cannot be read. Restore keyring.json from this workspace's backup.`);
  }
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) {
    throw failed(
      'keyring-damaged',
      `The keyring (${file}) is not a Custodian keyring or is damaged. Restore keyring.json from this workspace's backup.`,
    );
  }
  return parsed.data;
}

export function saveKeyring(file: string, keyring: Keyring): void {
  writeFileAtomic(file, JSON.stringify(keyring, null, 2) + '\n');
}

/** Binds each sealed part to its workspace, slot and holder, so slots cannot be swapped. */
function slotAad(workspaceId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'username' | 'publicKey'>, part: string): string {
  return ['custodian-keyring-v1', workspaceId, slot.id, slot.kind, slot.username ?? '', slot.publicKey, part].join('\0');
}

export function createSlot(
  workspaceId: string,
  kind: KeySlot['kind'],
  username: string | null,
  secret: string,
  masterKey: Buffer,
  now: Date,
): KeySlot {
  const kdf = newKdfParams();
  const kek = deriveKey(secret, kdf);
  const { publicKey, privateKeyDer } = newKeyPair();
  const identity = { id: crypto.randomUUID(), kind, username: username?.toLowerCase() ?? null, publicKey };
  return {
    ...identity,
    createdAt: now.toISOString(),
    kdf,
    secretCheck: secretCheck(kek),
    privateKey: gcmSeal(kek, privateKeyDer, slotAad(workspaceId, identity, 'private-key')),
    masterKey: sealTo(publicKey, masterKey, slotAad(workspaceId, identity, 'master-key')),
  };
}

export type OpenSlotResult = { ok: true; masterKey: Buffer } | { ok: false; reason: 'wrong-secret' };

/**
 * Open a slot with its holder's secret. A wrong secret is an ordinary result; a slot whose
 * sealed parts were altered throws, because no password will ever open it again.
 */
export function openSlot(workspaceId: string, slot: KeySlot, secret: string): OpenSlotResult {
  const kek = deriveKey(secret, slot.kdf);
  const check = Buffer.from(secretCheck(kek), 'base64');
  const expected = Buffer.from(slot.secretCheck, 'base64');
  if (check.length !== expected.length || !crypto.timingSafeEqual(check, expected)) {
    return { ok: false, reason: 'wrong-secret' };
  }
  try {
    const privateKeyDer = gcmOpen(kek, slot.privateKey, slotAad(workspaceId, slot, 'private-key'));
    const masterKey = openSealed(privateKeyDer, slot.publicKey, slot.masterKey, slotAad(workspaceId, slot, 'master-key'));
    privateKeyDer.fill(0);
    return { ok: true, masterKey };
  } catch {
    const who = slot.kind === 'recovery' ? 'the recovery slot' : `the key slot of ${slot.username}`;
    throw failed(
      'keyring-tampered',
      `The keyring has been altered: ${who} no longer opens. Restore keyring.json from this workspace's backup.`,
    );
  }
}

/**
 * The work of opening a slot, for a name that has none (disabled, or a locked name), so a
 * refusal takes as long whatever its reason and the time does not tell which names exist.
 */
export function deriveAsIfOpeningASlot(secret: string): void {
  deriveKey(secret, newKdfParams()).fill(0);
}

/** Seal a new master key into an existing slot (used by master-key rotation). */
export function resealSlot(workspaceId: string, slot: KeySlot, masterKey: Buffer): KeySlot {
  return { ...slot, masterKey: sealTo(slot.publicKey, masterKey, slotAad(workspaceId, slot, 'master-key')) };
}

export function findAccountSlot(keyring: Keyring, username: string): KeySlot | undefined {
  const u = username.toLowerCase();
  return keyring.slots.find((s) => s.kind === 'account' && s.username === u);
}

export function recoverySlot(keyring: Keyring): KeySlot {
  const slot = keyring.slots.find((s) => s.kind === 'recovery');
  if (!slot)
    throw denied('no-recovery-slot', 'This workspace has no recovery slot; recovery is not possible. Restore keyring.json from backup.');
  return slot;
}

/** Replace (or add) the account slot of one person; every other slot stays as it is. */
export function withAccountSlot(keyring: Keyring, slot: KeySlot): Keyring {
  return {
    ...keyring,
    slots: [...keyring.slots.filter((s) => !(s.kind === 'account' && s.username === slot.username)), slot],
    retired: keyring.retired.filter((r) => r.username !== slot.username),
  };
}

export function withRecoverySlot(keyring: Keyring, slot: KeySlot): Keyring {
  return { ...keyring, slots: [...keyring.slots.filter((s) => s.kind !== 'recovery'), slot] };
}

export function withoutAccountSlot(keyring: Keyring, username: string, now: Date): Keyring {
  const u = username.toLowerCase();
  return {
    ...keyring,
    slots: keyring.slots.filter((s) => !(s.kind === 'account' && s.username === u)),
    retired: [...keyring.retired.filter((r) => r.username !== u), { username: u, at: now.toISOString() }],
  };
}
