/**
 * The records on disk are encrypted: no file in a workspace folder shows a person's
 * name, and the database is standard SQLCipher 4 that the reference SQLCipher build
 * (@journeyapps/sqlcipher, used here only as an independent check) reads with the
 * master key and nothing else.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY_BYTES, openEncrypted } from '../../src-main/core/store/database';
import { Workspace } from '../../src-main/core/workspace';
import {
  COMMANDER,
  filesContaining,
  masterKeyFromSlot,
  newWorkspace,
  Oracle,
  oracleQuery,
  PASSWORD,
  readEveryFile,
  removeTempFolders,
  sha256,
  tempFolder,
  type TestWorkspace,
} from '../support/store-support';

/** A full name that appears nowhere else, so finding it in a file means the file leaks it. */
const MARKER = 'MARKERxyz Zq';
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

afterAll(removeTempFolders);

describe('a workspace folder gives nothing away without the key', () => {
  let ws: TestWorkspace;
  let workspace: Workspace;
  let token: string;

  beforeAll(() => {
    ws = newWorkspace('enc');
    workspace = Workspace.open(ws.dir);
    ({ token } = workspace.signIn(COMMANDER, PASSWORD));
    workspace.call(token, 'user.add', { username: 'mclerk', fullName: MARKER, roles: ['member'], password: 'Clerk-Desk-Lamp-4417' });
  });

  afterAll(() => workspace?.close());

  it('the scan for a name would find one written in plain text (control)', () => {
    const dir = tempFolder('plain');
    const plain = new Database(path.join(dir, 'plain.db'));
    plain.pragma('journal_mode=WAL');
    plain.exec('CREATE TABLE people(full_name TEXT)');
    plain.prepare('INSERT INTO people VALUES (?)').run(MARKER);
    // While open, the row sits in the WAL; the scan must see it there too.
    expect(filesContaining(readEveryFile(dir), MARKER)).toContain('plain.db-wal');
    plain.close();
    const files = readEveryFile(dir);
    expect(filesContaining(files, MARKER)).toEqual(['plain.db']);
    expect(files.get('plain.db')!.subarray(0, 16).equals(PLAIN_SQLITE_HEADER)).toBe(true);
  });

  it("while someone is signed in (write-ahead log present), no file in the folder contains a person's name", () => {
    expect(workspace.database(), 'the store should be open').toBeDefined();
    const files = readEveryFile(ws.dir);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['custodian.db', 'custodian.db-wal', 'custodian.db-shm', 'keyring.json', 'workspace.json']),
    );
    expect(files.get('custodian.db-wal')!.length, 'the new person should still be in the write-ahead log').toBeGreaterThan(0);
    expect(filesContaining(files, MARKER)).toEqual([]);
    // The name is really in the store (so the scan above had something to miss).
    const name = workspace.database()!.prepare('SELECT full_name FROM accounts WHERE username = ?').pluck().get('mclerk');
    expect(name).toBe(MARKER);
  });

  it('the database file does not begin with the plain SQLite header', () => {
    const head = fs.readFileSync(ws.files.database).subarray(0, 16);
    expect(head.equals(PLAIN_SQLITE_HEADER)).toBe(false);
  });

  it('after the workspace is closed, still no file contains the name', () => {
    workspace.close();
    expect(workspace.database()).toBeUndefined();
    const files = readEveryFile(ws.dir);
    expect(files.has('custodian.db')).toBe(true);
    expect(filesContaining(files, MARKER)).toEqual([]);
    expect(files.get('custodian.db')!.subarray(0, 16).equals(PLAIN_SQLITE_HEADER)).toBe(false);
  });

  it("the database is genuine SQLCipher 4: the reference SQLCipher reads the name with the master key from the commander's slot", async () => {
    const masterKey = masterKeyFromSlot(ws);
    expect(masterKey.length).toBe(MASTER_KEY_BYTES);
    const rows = await oracleQuery<{ full_name: string }>(ws.files.database, masterKey, 'SELECT full_name FROM accounts ORDER BY id');
    expect(rows.map((r) => r.full_name)).toContain(MARKER);
    const [version] = await oracleQuery<{ user_version: number }>(ws.files.database, masterKey, 'PRAGMA user_version');
    expect(version!.user_version).toBeGreaterThan(0);
  });

  it('a wrong key opens nothing, in the reference SQLCipher or in Custodian, and leaves the file as it was', async () => {
    const before = sha256(ws.files.database);
    const wrongKey = crypto.randomBytes(MASTER_KEY_BYTES);
    await expect(oracleQuery(ws.files.database, wrongKey, 'SELECT count(*) FROM sqlite_master')).rejects.toThrow(
      /not a database|encrypted/i,
    );

    let thrown: unknown;
    try {
      openEncrypted(ws.files.database, wrongKey);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as { code?: string }).code).toBe('wrong-key');
    expect(sha256(ws.files.database)).toBe(before);
  });

  it('Custodian opens the store with write-ahead logging, full sync, foreign keys and secure delete', () => {
    const db = openEncrypted(ws.files.database, masterKeyFromSlot(ws));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.prepare("SELECT full_name FROM accounts WHERE username = 'mclerk'").pluck().get()).toBe(MARKER);
    } finally {
      db.close();
    }
  });
});

describe('a database written by the reference SQLCipher opens in Custodian', () => {
  it('a table and row made with a raw key and default SQLCipher 4 settings are read by openEncrypted', async () => {
    const file = path.join(tempFolder('interop'), 'made-by-oracle.db');
    const key = crypto.randomBytes(MASTER_KEY_BYTES);
    const oracle = await Oracle.open(file, key);
    await oracle.run('CREATE TABLE evidence(id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
    await oracle.run('INSERT INTO evidence(id, note) VALUES (?, ?)', [7, MARKER]);
    await oracle.close();

    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).equals(PLAIN_SQLITE_HEADER)).toBe(false);
    expect(bytes.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);

    const db = openEncrypted(file, key);
    try {
      expect(db.prepare('SELECT id, note FROM evidence').all()).toEqual([{ id: 7, note: MARKER }]);
    } finally {
      db.close();
    }

    let code: string | undefined;
    try {
      openEncrypted(file, crypto.randomBytes(MASTER_KEY_BYTES));
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).toBe('wrong-key');
  });
});
