/**
 * Shared helpers for the store, keyring and migration tests: real workspaces in
 * temporary folders, real encrypted files, and @journeyapps/sqlcipher (the reference
 * SQLCipher build) as an independent oracle for what is on disk.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sqlcipher from '@journeyapps/sqlcipher';
import { expect } from 'vitest';
import { CustodianError } from '../../src-main/core/errors';
import { findAccountSlot, loadKeyring, openSlot, recoverySlot, type Keyring, type KeySlot } from '../../src-main/core/store/keyring';
import { workspaceFiles, type WorkspaceFiles } from '../../src-main/core/store/paths';
import { Workspace } from '../../src-main/core/workspace';

export const COMMANDER = 'cmdr';
export const COMMANDER_NAME = 'Pat Parsons';
export const PASSWORD = 'Parsons-Records-2026!';

export { removeTempFolders, tempFolder } from './temp';
import { tempFolder } from './temp';

export interface TestWorkspace {
  dir: string;
  files: WorkspaceFiles;
  workspaceId: string;
  recoveryCode: string;
}

/** A new workspace with one commander (cmdr / PASSWORD) in a new temp folder. */
export function newWorkspace(label = 'ws'): TestWorkspace {
  const dir = path.join(tempFolder(label), 'workspace');
  const { workspaceId, recoveryCode } = Workspace.init(dir, { commander: COMMANDER, fullName: COMMANDER_NAME, password: PASSWORD });
  return { dir, files: workspaceFiles(dir), workspaceId, recoveryCode };
}

/** Every regular file under `dir`, recursively, with its bytes. */
export function readEveryFile(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** The names of the files in which `text` appears as UTF-8 or as UTF-16LE (either case-sensitively). */
export function filesContaining(files: Map<string, Buffer>, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return [...files].filter(([, bytes]) => needles.some((n) => bytes.includes(n))).map(([name]) => name);
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readKeyringJson(files: WorkspaceFiles): Keyring {
  return JSON.parse(fs.readFileSync(files.keyring, 'utf8')) as Keyring;
}

export function writeKeyringJson(file: string, keyring: Keyring): void {
  fs.writeFileSync(file, JSON.stringify(keyring, null, 2) + '\n');
}

export function accountSlotOf(keyring: Keyring, username: string): KeySlot {
  const slot = findAccountSlot(keyring, username);
  if (!slot) throw new Error(`no slot for ${username}`);
  return slot;
}

/** The master key, taken the long way: open the person's slot in keyring.json with their password. */
export function masterKeyFromSlot(ws: TestWorkspace, username = COMMANDER, password = PASSWORD): Buffer {
  const keyring = loadKeyring(ws.files.keyring);
  const opened = openSlot(ws.workspaceId, accountSlotOf(keyring, username), password);
  if (!opened.ok) throw new Error(`the password does not open ${username}'s slot`);
  return opened.masterKey;
}

export function masterKeyFromRecoverySlot(ws: TestWorkspace, code: string): Buffer {
  const opened = openSlot(ws.workspaceId, recoverySlot(loadKeyring(ws.files.keyring)), code);
  if (!opened.ok) throw new Error('the recovery code does not open the recovery slot');
  return opened.masterKey;
}

/** Run `fn` and return the CustodianError it throws; fails the test if it throws nothing or something else. */
export function custodianErrorFrom(fn: () => unknown): CustodianError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a CustodianError to be thrown').toBeInstanceOf(CustodianError);
  return thrown as CustodianError;
}

/** Flip one bit of the first byte of a base64 value. */
export function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

// ---------------------------------------------------------------------------
// The oracle: @journeyapps/sqlcipher with SQLCipher 4 defaults, callback API in promises.
// ---------------------------------------------------------------------------

const oracle = sqlcipher.verbose();
type OracleDb = InstanceType<typeof oracle.Database>;

export class Oracle {
  private constructor(private readonly db: OracleDb) {}

  /** Open (creating if needed) `file` with a raw 32-byte key and no other cipher settings. */
  static async open(file: string, key: Buffer): Promise<Oracle> {
    const db = await new Promise<OracleDb>((resolve, reject) => {
      const d: OracleDb = new oracle.Database(file, (err) => (err ? reject(err) : resolve(d)));
    });
    const o = new Oracle(db);
    // A wrong key is tested on purpose; keep SQLCipher's own "hmac check failed" log quiet.
    await o.run('PRAGMA cipher_log_level = NONE');
    await o.run(`PRAGMA key = "x'${key.toString('hex')}'"`);
    return o;
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, params, (err) => (err ? reject(err) : resolve())));
  }

  all<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Open with the oracle, run one query, close; resolves with the rows or rejects with SQLCipher's error. */
export async function oracleQuery<T = Record<string, unknown>>(file: string, key: Buffer, sql: string): Promise<T[]> {
  const o = await Oracle.open(file, key);
  try {
    return await o.all<T>(sql);
  } finally {
    await o.close();
  }
}
