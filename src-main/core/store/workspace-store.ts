import crypto from 'node:crypto';
import fs from 'node:fs';
import { denied, failed } from '../errors';
import { MASTER_KEY_BYTES, openEncrypted, takeSoleUse, writeRekeyedCopy, type Db } from './database';
import { renameDurably } from './files';
import { loadKeyring, openSlot, resealSlot, saveKeyring, type KeySlot, type Keyring } from './keyring';
import { migrate } from './migrations';
import type { WorkspaceFiles } from './paths';

/** Which slot of a keyring the secret being used opens (a person's, or the recovery slot). */
export type SlotChoice = (keyring: Keyring) => KeySlot | undefined;

/**
 * A workspace's encrypted store and its keyring. The store is opened with a master key from
 * a key slot, kept open while it is needed, and closed (the key wiped) when it is not;
 * `rotateMasterKey` replaces the master key without anyone's password, safely against a
 * crash at any point.
 */
export class WorkspaceStore {
  private open: { db: Db; masterKey: Buffer } | undefined;

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly workspaceId: string,
    /** run each time the database opens, after its migrations (the features' work on opening) */
    private readonly onOpened: (db: Db) => void,
  ) {}

  /** the open database, or undefined while nobody has signed in */
  get db(): Db | undefined {
    return this.open?.db;
  }

  /** A copy of the master key (for a worker thread's own connection); the caller wipes it. */
  masterKey(): Buffer {
    return Buffer.from(this.require().masterKey);
  }

  /**
   * The keyring as it is on disk now. It is never cached: the desktop app and the CLI
   * may have the same workspace open, and a slot written by one must count in the other.
   */
  readKeyring(): Keyring {
    const keyring = loadKeyring(this.files.keyring);
    if (keyring.workspaceId !== this.workspaceId) {
      throw failed(
        'keyring-foreign',
        `The keyring in ${this.files.dir} belongs to another workspace (${keyring.workspaceId}), not this one (${this.workspaceId}). Put back this workspace's own keyring.json from its backup.`,
      );
    }
    return keyring;
  }

  /** Read, change and write back the keyring (callers hold the store's write lock where they can). */
  updateKeyring(change: (keyring: Keyring) => Keyring): void {
    saveKeyring(this.files.keyring, change(this.readKeyring()));
  }

  /**
   * Open the database with a master key from a slot, or return it if it is open already.
   * When a master-key rotation was cut short after the database was re-encrypted, the
   * waiting keyring (keyring.next.json) holds the key that opens it: it is used and put in
   * place. When the database still opens with the current keyring, a waiting keyring is
   * stale and removed.
   */
  attach(masterKey: Buffer, chooseSlot: SlotChoice, secret: string): Db {
    if (this.open) {
      if (!crypto.timingSafeEqual(this.open.masterKey, masterKey)) {
        throw failed('keyring-mismatch', 'The keyring and the open database disagree. Close Custodian and open the workspace again.');
      }
      return this.open.db;
    }
    let db: Db;
    try {
      db = this.openDatabase(masterKey);
      // A rotation that never reached the database leaves these behind; they are stale.
      for (const leftover of [this.files.keyringNext, this.files.databaseRekeyed]) fs.rmSync(leftover, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'wrong-key') throw error;
      return this.finishInterruptedRotation(chooseSlot, secret);
    }
    this.open = { db, masterKey };
    return db;
  }

  close(): void {
    if (!this.open) return;
    this.open.db.close();
    this.open.masterKey.fill(0);
    this.open = undefined;
  }

  /** Rotate the master key; returns how many slots were resealed. */
  rotateMasterKey(): number {
    const store = this.require();
    const oldKey = Buffer.from(store.masterKey);
    const newKey = crypto.randomBytes(MASTER_KEY_BYTES);
    const current = this.readKeyring();
    const next: Keyring = { ...current, slots: current.slots.map((s) => resealSlot(this.workspaceId, s, newKey)) };
    // Crash-safe order: a re-encrypted copy and the resealed keyring are written beside
    // the live files, then put in place by renames. Opening finishes a rotation cut
    // short between the two renames, or discards one that never reached the database.
    try {
      takeSoleUse(store.db);
      writeRekeyedCopy(store.db, oldKey, this.files.databaseRekeyed, newKey);
      saveKeyring(this.files.keyringNext, next);
      this.close(); // the file is replaced next; Windows cannot replace an open file
      renameDurably(this.files.databaseRekeyed, this.files.database);
    } catch (error) {
      for (const leftover of [this.files.databaseRekeyed, this.files.keyringNext]) fs.rmSync(leftover, { force: true });
      this.reopen(oldKey);
      throw error;
    } finally {
      oldKey.fill(0);
    }
    renameDurably(this.files.keyringNext, this.files.keyring);
    this.reopen(newKey);
    newKey.fill(0);
    return next.slots.length;
  }

  private require(): { db: Db; masterKey: Buffer } {
    if (!this.open) throw denied('not-signed-in', 'Nobody is signed in.');
    return this.open;
  }

  /** Open the store again under `masterKey` (after a rotation replaced or kept the file). */
  private reopen(masterKey: Buffer): void {
    this.close();
    this.open = { db: this.openDatabase(masterKey), masterKey: Buffer.from(masterKey) };
  }

  private openDatabase(masterKey: Buffer): Db {
    const restore = 'Restore custodian.db from the same backup as keyring.json.';
    if (!fs.existsSync(this.files.database) || fs.statSync(this.files.database).size === 0) {
      throw failed('database-missing', `The database (${this.files.database}) is missing or empty. ${restore}`);
    }
    const db = openEncrypted(this.files.database, masterKey);
    try {
      // Whose database is it? Asked before migrating, so a foreign one is left untouched.
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
      const id = hasMeta ? db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'").pluck().get() : undefined;
      if (id === undefined) throw failed('database-missing', `The database (${this.files.database}) holds no workspace. ${restore}`);
      if (id !== this.workspaceId) {
        throw failed(
          'database-foreign',
          `The database in ${this.files.dir} belongs to another workspace. Restore custodian.db and keyring.json from the same backup.`,
        );
      }
      migrate(db);
      this.onOpened(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }

  private finishInterruptedRotation(chooseSlot: SlotChoice, secret: string): Db {
    const mismatch = failed(
      'keyring-mismatch',
      "The keyring does not open this workspace's database: keyring.json and custodian.db come from different backups or workspaces. Restore both from the same backup.",
    );
    if (!fs.existsSync(this.files.keyringNext)) throw mismatch;
    const next = loadKeyring(this.files.keyringNext);
    const slot = chooseSlot(next);
    const opened = slot && next.workspaceId === this.workspaceId ? openSlot(this.workspaceId, slot, secret) : undefined;
    if (!opened?.ok) throw mismatch;
    let db: Db;
    try {
      db = this.openDatabase(opened.masterKey);
    } catch (error) {
      throw (error as { code?: string }).code === 'wrong-key' ? mismatch : error;
    }
    renameDurably(this.files.keyringNext, this.files.keyring);
    this.open = { db, masterKey: opened.masterKey };
    return db;
  }
}
