import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { failed } from '../errors';

export type Db = Database.Database;

export const MASTER_KEY_BYTES = 32;

/**
 * The compiled better-sqlite3 addon every connection loads. Unset, the package finds its
 * own build (the one `npm install` made for Node: the CLI and the tests). The desktop app
 * sets it before opening anything, because Electron needs a build made for its own ABI
 * (see scripts/electron-native.mjs). Core stays Electron-free: it only takes a path.
 */
let nativeBinding: string | undefined;

/** Use the compiled addon at `file` (a better_sqlite3.node) for every connection opened from now on; undefined restores the default. */
export function useNativeBinding(file: string | undefined): void {
  nativeBinding = file;
}

/** The addon in use (undefined: the package's own build); a worker thread is told it, since it loads its own copy of this module. */
export function nativeBindingInUse(): string | undefined {
  return nativeBinding;
}

function connect(file: string, options: { fileMustExist: boolean }): Db {
  return new Database(file, nativeBinding === undefined ? options : { ...options, nativeBinding });
}

function keyPragmaValue(key: Buffer): string {
  if (key.length !== MASTER_KEY_BYTES) throw new Error('master key must be 32 bytes');
  // A raw 256-bit key: SQLCipher skips its own PBKDF2 (our key is already random).
  return `"x'${key.toString('hex')}'"`;
}

/** An empty file only its owner can read; SQLite gives its -wal and -shm files the same mode. */
function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** Select SQLCipher 4 on this connection and give it the key. Must be the first statements. */
function applyCipher(db: Db, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key=${keyPragmaValue(key)}`);
}

/** A plain database in memory (nothing on disk, so nothing to encrypt), for scratch work. */
export function openInMemory(): Db {
  return connect(':memory:', { fileMustExist: false });
}

/**
 * Open (or create) the encrypted store with a raw master key. Throws a plain Error with
 * code "wrong-key" when the key does not open the file, so callers can tell that apart
 * from other failures and name the real cause to the user.
 */
export function openEncrypted(file: string, key: Buffer, options: { create: boolean } = { create: false }): Db {
  if (options.create && !fs.existsSync(file)) createPrivateFile(file);
  const db = connect(file, { fileMustExist: !options.create });
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
 * Take sole use of the database file until this connection closes: the WAL is folded in
 * and switched off, and an exclusive lock is taken and kept. Refused while Custodian has
 * the workspace open elsewhere (another window or command).
 */
export function takeSoleUse(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode=DELETE', { simple: true });
    if (mode !== 'delete') throw new Error('another connection keeps the write-ahead log open');
    db.pragma('locking_mode=EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    throw failed(
      'rekey-busy',
      `The master key cannot be rotated while Custodian has this workspace open elsewhere (${(error as Error).message}). Close the other windows and commands, then try again; nothing was changed.`,
    );
  }
}

/**
 * Write a copy of the open database to \`target\`, encrypted under \`newKey\`, and flush it
 * to disk. The open file itself is never rewritten: SQLCipher's in-place rekey, killed
 * part-way, can leave a file that neither key opens.
 */
export function writeRekeyedCopy(db: Db, currentKey: Buffer, target: string, newKey: Buffer): void {
  for (const leftover of [target, `${target}-journal`]) fs.rmSync(leftover, { force: true });
  createPrivateFile(target);
  // VACUUM INTO writes a compact copy (into an empty file) under the connection's own key and cipher.
  db.prepare('VACUUM INTO ?').run(target);
  const copy = connect(target, { fileMustExist: true });
  try {
    applyCipher(copy, currentKey);
    copy.pragma('journal_mode=DELETE');
    copy.pragma(`rekey=${keyPragmaValue(newKey)}`);
    copy.pragma('journal_mode=WAL'); // as every Custodian database is kept
  } finally {
    copy.close();
  }
  const fd = fs.openSync(target, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
