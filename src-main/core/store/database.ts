import Database from 'better-sqlite3-multiple-ciphers';
import { failed } from '../errors';

export type Db = Database.Database;

export const MASTER_KEY_BYTES = 32;

function keyPragmaValue(key: Buffer): string {
  if (key.length !== MASTER_KEY_BYTES) throw new Error('master key must be 32 bytes');
  // A raw 256-bit key: SQLCipher skips its own PBKDF2 (our key is already random).
  return `"x'${key.toString('hex')}'"`;
}

/** Select SQLCipher 4 on this connection and give it the key. Must be the first statements. */
function applyCipher(db: Db, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key=${keyPragmaValue(key)}`);
}

/**
 * Open (or create) the encrypted store with a raw master key. Throws a plain Error with
 * code "wrong-key" when the key does not open the file, so callers can tell that apart
 * from other failures and name the real cause to the user.
 */
export function openEncrypted(file: string, key: Buffer, options: { create: boolean } = { create: false }): Db {
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    applyCipher(db, key);
    // The first read proves the key: a wrong key makes SQLite see garbage.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (error instanceof Error && /not a database|file is encrypted/i.test(error.message)) {
      throw Object.assign(new Error('the key does not open this database'), { code: 'wrong-key' });
    }
    throw error;
  }
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('secure_delete=ON');
  db.pragma('busy_timeout=5000');
  return db;
}

/**
 * Re-encrypt every page under a new master key. WAL is checkpointed and switched off
 * for the rekey (rekeying a WAL database would keep the old salt) and switched back on.
 */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode=DELETE');
  } catch (error) {
    throw failed(
      'rekey-busy',
      `The master key cannot be rotated while Custodian has this workspace open elsewhere (${(error as Error).message}). Close the other windows and commands, then try again; nothing was changed.`,
    );
  }
  try {
    db.pragma(`rekey=${keyPragmaValue(newKey)}`);
  } catch (error) {
    throw failed(
      'rekey-failed',
      `The database could not be re-encrypted (${(error as Error).message}); it is unchanged under the old key.`,
    );
  } finally {
    db.pragma('journal_mode=WAL');
  }
}
