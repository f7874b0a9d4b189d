/**
 * The keyring (keyring.json): one key slot per person plus a recovery slot, each
 * sealing the same master key. These tests change the real files in a workspace folder
 * the way damage, a mixed-up restore, a crash or a person would, and check that
 * Custodian fails closed with a message that says what to restore, or finishes the job.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MASTER_KEY_BYTES, openEncrypted, writeRekeyedCopy } from '../../src-main/core/store/database';
import { loadKeyring, resealSlot, type Keyring, type KeySlot } from '../../src-main/core/store/keyring';
import { migrate, MIGRATIONS, schemaVersion } from '../../src-main/core/store/migrations';
import { Workspace } from '../../src-main/core/workspace';
import {
  accountSlotOf,
  COMMANDER,
  custodianErrorFrom,
  flipFirstByte,
  masterKeyFromRecoverySlot,
  masterKeyFromSlot,
  newWorkspace,
  oracleQuery,
  PASSWORD,
  readEveryFile,
  readKeyringJson,
  removeTempFolders,
  sha256,
  tempFolder,
  writeKeyringJson,
  type TestWorkspace,
} from '../support/store-support';
import { exportLog } from '../support/workspace-fixtures';

const CLERK = 'rclerk';
const CLERK_PASSWORD = 'Clerk-Desk-Lamp-4417';
const NEW_PASSWORD = 'Granite-Harbor-Lantern-88';

afterAll(removeTempFolders);

/** A workspace with the commander and one records clerk (a member), closed again. */
function workspaceWithClerk(label: string): TestWorkspace {
  const ws = newWorkspace(label);
  const w = Workspace.open(ws.dir);
  const { token } = w.signIn(COMMANDER, PASSWORD);
  w.call(token, 'user.add', { username: CLERK, fullName: 'Robin Clerk', roles: ['member'], password: CLERK_PASSWORD });
  w.close();
  return ws;
}

function recoverySlotOf(keyring: Keyring): KeySlot {
  const slot = keyring.slots.find((s) => s.kind === 'recovery');
  if (!slot) throw new Error('no recovery slot');
  return slot;
}

function slotKey(slot: KeySlot): string {
  return slot.kind === 'recovery' ? '#recovery' : slot.username!;
}

function accountNames(w: Workspace): string[] {
  return w.database()!.prepare('SELECT username FROM accounts ORDER BY username').pluck().all() as string[];
}

describe('a damaged key slot fails closed', () => {
  it.each([
    ['the sealed private key', (slot: KeySlot) => (slot.privateKey.ciphertext = flipFirstByte(slot.privateKey.ciphertext))],
    ['the sealed master key', (slot: KeySlot) => (slot.masterKey.ciphertext = flipFirstByte(slot.masterKey.ciphertext))],
  ])('one changed byte in %s: the right password gets "keyring-tampered", and nothing is changed', (_what, tamper) => {
    const ws = newWorkspace('tamper');
    const keyring = readKeyringJson(ws.files);
    tamper(accountSlotOf(keyring, COMMANDER));
    writeKeyringJson(ws.files.keyring, keyring);
    const before = readEveryFile(ws.dir);

    const error = custodianErrorFrom(() => Workspace.open(ws.dir).signIn(COMMANDER, PASSWORD));
    expect(error.code).toBe('keyring-tampered');
    expect(error.kind).toBe('failed');
    expect(error.message).toMatch(/key slot of cmdr/);
    expect(error.message).toMatch(/Restore keyring\.json/);

    const after = readEveryFile(ws.dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
  });
  it("a clerk's slot relabelled as the commander's does not let the clerk in as the commander", () => {
    const ws = workspaceWithClerk('relabel');
    const keyring = readKeyringJson(ws.files);
    const clerkSlot = accountSlotOf(keyring, CLERK);
    keyring.slots = keyring.slots.filter((s) => s.username !== COMMANDER);
    clerkSlot.username = COMMANDER;
    writeKeyringJson(ws.files.keyring, keyring);

    const w = Workspace.open(ws.dir);
    const error = custodianErrorFrom(() => w.signIn(COMMANDER, CLERK_PASSWORD));
    expect(error.code).toBe('keyring-tampered');
    expect(w.database()).toBeUndefined();
  });
});

describe('a wrong password', () => {
  it('opens nothing and is logged at the next sign-in', () => {
    const ws = newWorkspace('wrongpw');
    const w = Workspace.open(ws.dir);

    const error = custodianErrorFrom(() => w.signIn(COMMANDER, 'Not-The-Right-One-2026'));
    expect(error.kind).toBe('denied');
    expect(error.code).toBe('sign-in-refused');
    expect(error.message).toMatch(/^That username and password do not match an active account\./);
    expect(w.database(), 'the store must stay closed').toBeUndefined();
    // The refusal waits in logon-state.json until the log can be written.
    const pending = (JSON.parse(fs.readFileSync(ws.files.logonState, 'utf8')) as { pending: { operation: string }[] }).pending;
    expect(pending.map((p) => p.operation)).toEqual(['session.signIn']);

    const { token } = w.signIn(COMMANDER, PASSWORD);
    const log = exportLog(w, token);
    const refused = log.filter((e) => e.operation === 'session.signIn' && e.outcome === 'denied');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ username: COMMANDER, outcome: 'denied' });
    expect(refused[0]!.reason).toContain('Wrong password');
    const signedIn = log.find((e) => e.operation === 'session.signIn' && e.outcome === 'ok');
    expect(signedIn, 'the successful sign-in is logged too').toBeDefined();
    expect(refused[0]!.seq).toBeLessThan(signedIn!.seq);
    w.close();

    // Nothing is left waiting and nothing is counted: the file that held them is gone.
    expect(fs.existsSync(ws.files.logonState)).toBe(false);
  });
});

describe('files from different workspaces or backups are refused', () => {
  it('a keyring from another workspace: opening refuses with "keyring-foreign" and changes nothing', () => {
    const a = newWorkspace('foreign-a');
    const b = newWorkspace('foreign-b');
    fs.copyFileSync(b.files.keyring, a.files.keyring);
    const before = readEveryFile(a.dir);

    const error = custodianErrorFrom(() => Workspace.open(a.dir));
    expect(error.code).toBe('keyring-foreign');
    expect(error.message).toContain(b.workspaceId);
    expect(error.message).toContain(a.workspaceId);
    expect(error.message).toMatch(/keyring\.json from its backup/);

    const after = readEveryFile(a.dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
  });

  it('a database from another workspace (its key does not fit): sign-in refuses with "keyring-mismatch" and says to restore both from the same backup', () => {
    const a = newWorkspace('mismatch-a');
    const b = newWorkspace('mismatch-b');
    fs.copyFileSync(b.files.database, a.files.database);
    const dbBefore = sha256(a.files.database);
    const keyringBefore = fs.readFileSync(a.files.keyring);

    const w = Workspace.open(a.dir);
    const error = custodianErrorFrom(() => w.signIn(COMMANDER, PASSWORD));
    expect(error.code).toBe('keyring-mismatch');
    expect(error.message).toMatch(/Restore both from the same backup/);
    expect(w.database()).toBeUndefined();
    expect(sha256(a.files.database)).toBe(dbBefore);
    expect(fs.readFileSync(a.files.keyring).equals(keyringBefore)).toBe(true);
  });

  it('a database from another workspace that this key does open: sign-in refuses with "database-foreign"', async () => {
    const a = newWorkspace('dbforeign-a');
    const b = newWorkspace('dbforeign-b');
    // Re-encrypt B's database under A's master key, then put it in A's folder.
    const keyA = masterKeyFromSlot(a);
    const keyB = masterKeyFromSlot(b);
    const db = openEncrypted(b.files.database, keyB);
    const copy = path.join(tempFolder('b-under-a'), 'custodian.db');
    writeRekeyedCopy(db, keyB, copy, keyA);
    db.close();
    fs.copyFileSync(copy, a.files.database);
    const accountsBefore = await oracleQuery(a.files.database, keyA, 'SELECT * FROM accounts ORDER BY id');
    const bytesBefore = sha256(a.files.database);

    const w = Workspace.open(a.dir);
    const error = custodianErrorFrom(() => w.signIn(COMMANDER, PASSWORD));
    expect(error.code).toBe('database-foreign');
    expect(error.message).toMatch(/belongs to another workspace/);
    expect(error.message).toMatch(/Restore custodian\.db and keyring\.json from the same backup/);
    expect(w.database()).toBeUndefined();
    // The refused database still holds B's identity and B's people, untouched by the sign-in.
    expect(await oracleQuery(a.files.database, keyA, "SELECT value FROM meta WHERE key = 'workspace_id'")).toEqual([
      { value: b.workspaceId },
    ]);
    expect(await oracleQuery(a.files.database, keyA, 'SELECT * FROM accounts ORDER BY id')).toEqual(accountsBefore);
    expect(sha256(a.files.database)).toBe(bytesBefore);
  });

  // FAILS at the time of writing: Workspace.openDatabase runs migrate() before it checks
  // whose database it is, so a foreign store at an older schema is upgraded, then refused.
  it('a database from another workspace at an older schema is refused without being upgraded', () => {
    const a = newWorkspace('dbforeign-old');
    const keyA = masterKeyFromSlot(a);
    const stray = path.join(tempFolder('stray'), 'custodian.db');
    const db = openEncrypted(stray, keyA, { create: true });
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', ?)").run(crypto.randomUUID());
    db.close();
    fs.copyFileSync(stray, a.files.database);
    const bytesBefore = sha256(a.files.database);

    const error = custodianErrorFrom(() => Workspace.open(a.dir).signIn(COMMANDER, PASSWORD));
    expect(error.code).toBe('database-foreign');
    const check = openEncrypted(a.files.database, keyA);
    try {
      expect(schemaVersion(check), 'the foreign database was migrated before it was refused').toBe(1);
    } finally {
      check.close();
    }
    expect(sha256(a.files.database)).toBe(bytesBefore);
  });

  // FAILS at the time of writing: an empty file opens under any key as a new database, so
  // sign-in writes a whole new schema into it and then says it "belongs to another workspace".
  it('an empty (zero-byte) custodian.db is reported as needing a restore and is left as it is', () => {
    const a = newWorkspace('emptydb');
    fs.writeFileSync(a.files.database, '');

    const error = custodianErrorFrom(() => Workspace.open(a.dir).signIn(COMMANDER, PASSWORD));
    expect(error.message).toMatch(/Restore custodian\.db/);
    expect(error.message).not.toMatch(/another workspace/);
    expect(fs.statSync(a.files.database).size).toBe(0);
  });
});

describe('a keyring restored from an older backup', () => {
  it('does not let a disabled person back in: the stale slot is removed, the refusal logged, and the store closed again', () => {
    const ws = workspaceWithClerk('stale-slot');
    const before = fs.readFileSync(ws.files.keyring);
    const w = Workspace.open(ws.dir);
    const { token } = w.signIn(COMMANDER, PASSWORD);
    w.call(token, 'user.disable', { username: CLERK });
    w.close();
    fs.writeFileSync(ws.files.keyring, before); // the old keyring still holds the clerk's slot

    const again = Workspace.open(ws.dir);
    const error = custodianErrorFrom(() => again.signIn(CLERK, CLERK_PASSWORD));
    expect(error).toMatchObject({ kind: 'denied', code: 'sign-in-refused' });
    expect(again.database()).toBeUndefined();
    expect(readKeyringJson(ws.files).slots.some((s) => s.username === CLERK)).toBe(false);

    const { token: commander } = again.signIn(COMMANDER, PASSWORD);
    const last = again.call(commander, 'audit.query', { username: CLERK, operation: 'session.signIn' }).entries.at(-1);
    expect(last).toMatchObject({ outcome: 'denied', reason: `The account ${CLERK} is disabled.` });
    again.close();
  });
});

describe('the workspace folder itself', () => {
  it('a folder that is not a workspace is refused with "not-a-workspace"', () => {
    const dir = tempFolder('notws');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a workspace');
    const error = custodianErrorFrom(() => Workspace.open(dir));
    expect(error.code).toBe('not-a-workspace');
    expect(error.message).toContain('workspace.json');
  });

  it('a new workspace is not made in a folder that already has files ("folder-not-empty"), and the files are left alone', () => {
    const dir = tempFolder('notempty');
    fs.writeFileSync(path.join(dir, 'case-notes.txt'), 'keep me');
    const error = custodianErrorFrom(() => Workspace.init(dir, { commander: COMMANDER, fullName: 'Pat Parsons', password: PASSWORD }));
    expect(error.code).toBe('folder-not-empty');
    expect(fs.readdirSync(dir)).toEqual(['case-notes.txt']);
    expect(fs.readFileSync(path.join(dir, 'case-notes.txt'), 'utf8')).toBe('keep me');
  });

  it('making a workspace twice in the same folder is refused ("already-a-workspace") and the first one is kept', () => {
    const ws = newWorkspace('twice');
    const before = readEveryFile(ws.dir);
    const error = custodianErrorFrom(() =>
      Workspace.init(ws.dir, { commander: 'other', fullName: 'Someone Else', password: NEW_PASSWORD }),
    );
    expect(error.code).toBe('already-a-workspace');
    const after = readEveryFile(ws.dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
  });
  it('a missing or unreadable keyring.json, or a missing custodian.db, is named with what to restore', () => {
    const ws = newWorkspace('missing');
    const keyring = fs.readFileSync(ws.files.keyring);

    fs.rmSync(ws.files.keyring);
    const missing = custodianErrorFrom(() => Workspace.open(ws.dir));
    expect(missing.code).toBe('keyring-missing');
    expect(missing.message).toMatch(/Restore keyring\.json/);

    fs.writeFileSync(ws.files.keyring, keyring.subarray(0, keyring.length / 2));
    const cut = custodianErrorFrom(() => Workspace.open(ws.dir));
    expect(cut.code).toBe('keyring-damaged');
    expect(cut.message).toMatch(/Restore keyring\.json/);

    fs.writeFileSync(ws.files.keyring, JSON.stringify({ format: 'custodian-keyring', version: 1 }));
    expect(custodianErrorFrom(() => Workspace.open(ws.dir)).code).toBe('keyring-damaged');

    fs.writeFileSync(ws.files.keyring, keyring);
    fs.renameSync(ws.files.database, `${ws.files.database}.away`);
    const noDb = custodianErrorFrom(() => Workspace.open(ws.dir).signIn(COMMANDER, PASSWORD));
    expect(noDb.code).toBe('database-missing');
    expect(noDb.message).toMatch(/Restore custodian\.db from the same backup as keyring\.json/);
    expect(fs.existsSync(ws.files.database), 'no new, empty database is made in its place').toBe(false);
  });
});

describe('changing a password', () => {
  it("rewraps only that person's slot: every other slot stays exactly as it was", () => {
    const ws = workspaceWithClerk('chpw');
    const before = readKeyringJson(ws.files);

    const w = Workspace.open(ws.dir);
    const { token } = w.signIn(COMMANDER, PASSWORD);
    expect(w.call(token, 'user.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ changed: true });
    w.close();
    const after = readKeyringJson(ws.files);

    expect(after.slots.map(slotKey).sort()).toEqual(before.slots.map(slotKey).sort());
    expect(JSON.stringify(accountSlotOf(after, COMMANDER))).not.toBe(JSON.stringify(accountSlotOf(before, COMMANDER)));
    expect(accountSlotOf(after, COMMANDER).kdf.salt).not.toBe(accountSlotOf(before, COMMANDER).kdf.salt);
    // Field for field the same (the file is re-serialised, so the order of the JSON keys may differ).
    expect(accountSlotOf(after, CLERK)).toStrictEqual(accountSlotOf(before, CLERK));
    expect(recoverySlotOf(after)).toStrictEqual(recoverySlotOf(before));
    expect(after.retired).toEqual(before.retired);

    const old = custodianErrorFrom(() => Workspace.open(ws.dir).signIn(COMMANDER, PASSWORD));
    expect(old.code).toBe('sign-in-refused');
    const w2 = Workspace.open(ws.dir);
    expect(w2.signIn(COMMANDER, NEW_PASSWORD).me.username).toBe(COMMANDER);
    w2.close();
    const w3 = Workspace.open(ws.dir);
    expect(w3.signIn(CLERK, CLERK_PASSWORD).me.username).toBe(CLERK);
    w3.close();
  });
});

describe('rotating the master key (rekey)', () => {
  it('reseals every slot, the old key stops opening the database, the new one does, and everyone and everything is still there', async () => {
    const ws = workspaceWithClerk('rekey');
    const oldKey = masterKeyFromSlot(ws);
    const before = readKeyringJson(ws.files);
    expect((await oracleQuery(ws.files.database, oldKey, 'SELECT count(*) AS n FROM accounts'))[0]).toEqual({ n: 2 });

    const w = Workspace.open(ws.dir);
    const { token } = w.signIn(COMMANDER, PASSWORD);
    expect(w.call(token, 'workspace.rekey', {})).toEqual({ slotsResealed: 3 });
    w.close();
    expect(fs.existsSync(ws.files.keyringNext)).toBe(false);

    const after = readKeyringJson(ws.files);
    expect(after.slots).toHaveLength(before.slots.length);
    for (const old of before.slots) {
      const now = after.slots.find((s) => s.id === old.id);
      expect(now, `slot ${slotKey(old)} is still there`).toBeDefined();
      // Who holds the slot and how it is unlocked are unchanged ...
      expect({ ...now!, masterKey: null }).toEqual({ ...old, masterKey: null });
      // ... only the sealed master key is new.
      expect(now!.masterKey.ciphertext).not.toBe(old.masterKey.ciphertext);
      expect(now!.masterKey.ephemeralPublicKey).not.toBe(old.masterKey.ephemeralPublicKey);
      expect(now!.masterKey.iv).not.toBe(old.masterKey.iv);
      expect(now!.masterKey.tag).not.toBe(old.masterKey.tag);
    }

    const newKey = masterKeyFromSlot(ws);
    expect(newKey.length).toBe(MASTER_KEY_BYTES);
    expect(newKey.equals(oldKey)).toBe(false);
    await expect(oracleQuery(ws.files.database, oldKey, 'SELECT count(*) FROM accounts')).rejects.toThrow(/not a database|encrypted/i);
    expect((await oracleQuery(ws.files.database, newKey, 'SELECT count(*) AS n FROM accounts'))[0]).toEqual({ n: 2 });
    // The clerk's slot and the recovery slot hand out the same new key.
    expect(masterKeyFromSlot(ws, CLERK, CLERK_PASSWORD).equals(newKey)).toBe(true);
    expect(masterKeyFromRecoverySlot(ws, ws.recoveryCode).equals(newKey)).toBe(true);

    const wc = Workspace.open(ws.dir);
    expect(wc.signIn(CLERK, CLERK_PASSWORD).me.username).toBe(CLERK);
    wc.close();
    const w2 = Workspace.open(ws.dir);
    const again = w2.signIn(COMMANDER, PASSWORD);
    expect(accountNames(w2)).toEqual([COMMANDER, CLERK].sort());
    const log = exportLog(w2, again.token);
    expect(log.some((e) => e.operation === 'workspace.rekey' && e.outcome === 'ok')).toBe(true);
    expect(log.some((e) => e.operation === 'user.add' && e.outcome === 'ok')).toBe(true);
    expect(w2.call(again.token, 'audit.verify', {}).ok).toBe(true);
    w2.close();
  });

  it('a rotation cut short after the database was re-encrypted is finished at the next sign-in', async () => {
    const ws = newWorkspace('rekey-crash');
    const preRekey = fs.readFileSync(ws.files.keyring);
    const w = Workspace.open(ws.dir);
    const { token } = w.signIn(COMMANDER, PASSWORD);
    w.call(token, 'workspace.rekey', {});
    w.close();
    const postRekey = fs.readFileSync(ws.files.keyring);
    expect(postRekey.equals(preRekey)).toBe(false);

    // The crash: database under the new key, keyring.json still the old one, the new keyring waiting beside it.
    fs.writeFileSync(ws.files.keyring, preRekey);
    fs.writeFileSync(ws.files.keyringNext, postRekey);

    const w2 = Workspace.open(ws.dir);
    const again = w2.signIn(COMMANDER, PASSWORD);
    expect(again.me.username).toBe(COMMANDER);
    expect(fs.existsSync(ws.files.keyringNext)).toBe(false);
    expect(fs.readFileSync(ws.files.keyring).equals(postRekey)).toBe(true);
    expect(w2.call(again.token, 'audit.verify', {}).ok).toBe(true);
    w2.close();

    const newKey = masterKeyFromSlot(ws);
    expect(await oracleQuery(ws.files.database, newKey, 'SELECT username FROM accounts')).toEqual([{ username: COMMANDER }]);
  });

  it('a waiting keyring that never reached the database is stale: removed at sign-in, and the current keyring is kept', () => {
    const ws = newWorkspace('rekey-stale');
    const current = fs.readFileSync(ws.files.keyring);
    // What a crash before the database was re-encrypted leaves: every slot resealed to a key the database never got.
    const keyring = loadKeyring(ws.files.keyring);
    const unusedKey = Buffer.alloc(MASTER_KEY_BYTES, 0x5a);
    writeKeyringJson(ws.files.keyringNext, { ...keyring, slots: keyring.slots.map((s) => resealSlot(ws.workspaceId, s, unusedKey)) });

    const w = Workspace.open(ws.dir);
    expect(w.signIn(COMMANDER, PASSWORD).me.username).toBe(COMMANDER);
    w.close();
    expect(fs.existsSync(ws.files.keyringNext)).toBe(false);
    expect(fs.readFileSync(ws.files.keyring).equals(current)).toBe(true);
  });
});

describe('recovery with the recovery code', () => {
  it("resets the commander's password, issues a new code, and the old code stops working; it is refused for anyone but a commander", () => {
    const ws = workspaceWithClerk('recover');

    const notCommander = custodianErrorFrom(() => Workspace.open(ws.dir).recover(ws.recoveryCode, CLERK, NEW_PASSWORD));
    expect(notCommander.code).toBe('not-a-commander');
    expect(notCommander.kind).toBe('denied');

    const w = Workspace.open(ws.dir);
    const { recoveryCode: nextCode } = w.recover(ws.recoveryCode, COMMANDER, NEW_PASSWORD);
    expect(w.database(), 'recovery leaves the store closed').toBeUndefined();
    expect(nextCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(nextCode).not.toBe(ws.recoveryCode);

    const oldCode = custodianErrorFrom(() => Workspace.open(ws.dir).recover(ws.recoveryCode, COMMANDER, 'Another-Fresh-Password-9'));
    expect(oldCode.code).toBe('wrong-recovery-code');
    expect(masterKeyFromRecoverySlot(ws, nextCode).length).toBe(MASTER_KEY_BYTES);

    const oldPassword = custodianErrorFrom(() => Workspace.open(ws.dir).signIn(COMMANDER, PASSWORD));
    expect(oldPassword.code).toBe('sign-in-refused');

    const w2 = Workspace.open(ws.dir);
    const { token } = w2.signIn(COMMANDER, NEW_PASSWORD);
    const log = exportLog(w2, token, { operation: 'workspace.recover' });
    expect(log.map((e) => [e.username, e.outcome])).toEqual([
      [CLERK, 'denied'],
      [COMMANDER, 'ok'],
      [COMMANDER, 'denied'],
    ]);
    w2.close();
    // The clerk's own access is untouched by the commander's recovery.
    const w3 = Workspace.open(ws.dir);
    expect(w3.signIn(CLERK, CLERK_PASSWORD).me.username).toBe(CLERK);
    w3.close();
  });
});

/**
 * The desktop app and the command line may have the same workspace open at once (they
 * share the default folder). Each is a separate Workspace object reading keyring.json.
 */
describe('two copies of Custodian open on the same workspace (the desktop app and the command line)', () => {
  it('a master-key rotation in one is refused while the other has the store open, and nothing changes', () => {
    const ws = newWorkspace('two-rekey');
    const desktop = Workspace.open(ws.dir);
    const cli = Workspace.open(ws.dir);
    try {
      const d = desktop.signIn(COMMANDER, PASSWORD);
      const c = cli.signIn(COMMANDER, PASSWORD);
      const keyringBefore = fs.readFileSync(ws.files.keyring);

      expect(() => cli.call(c.token, 'workspace.rekey', {})).toThrow();
      expect(fs.existsSync(ws.files.keyringNext)).toBe(false);
      expect(fs.readFileSync(ws.files.keyring).equals(keyringBefore)).toBe(true);
      expect(desktop.call(d.token, 'session.whoami', {}).username).toBe(COMMANDER);
      expect(cli.call(c.token, 'session.whoami', {}).username).toBe(COMMANDER);
    } finally {
      desktop.close();
      cli.close();
    }
    const w = Workspace.open(ws.dir);
    expect(w.signIn(COMMANDER, PASSWORD).me.username).toBe(COMMANDER);
    w.close();
  });

  // FAILS at the time of writing: each Workspace keeps the keyring it read at open() and
  // writes that copy back whole, dropping slots another copy added in the meantime.
  it('a person added in one is not lost when the other then changes a password', () => {
    const ws = newWorkspace('two-lost');
    const desktop = Workspace.open(ws.dir);
    const cli = Workspace.open(ws.dir);
    try {
      const d = desktop.signIn(COMMANDER, PASSWORD);
      const c = cli.signIn(COMMANDER, PASSWORD);
      desktop.call(d.token, 'user.add', { username: CLERK, fullName: 'Robin Clerk', roles: ['member'], password: CLERK_PASSWORD });
      cli.call(c.token, 'user.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    } finally {
      desktop.close();
      cli.close();
    }

    const keyring = readKeyringJson(ws.files);
    expect(keyring.slots.map(slotKey).sort(), 'slots in keyring.json').toEqual(['#recovery', CLERK, COMMANDER].sort());
    const w = Workspace.open(ws.dir);
    expect(w.signIn(CLERK, CLERK_PASSWORD).me.username).toBe(CLERK);
    w.close();
  });

  // FAILS at the time of writing: the copy still holds the keyring read at open(), so the
  // replaced password keeps working there and the new one is refused.
  it('after a password change in one, the old password no longer opens the other', () => {
    const ws = newWorkspace('two-stalepw');
    const desktop = Workspace.open(ws.dir); // sitting at the sign-in screen
    const cli = Workspace.open(ws.dir);
    const c = cli.signIn(COMMANDER, PASSWORD);
    cli.call(c.token, 'user.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    cli.close();

    try {
      let oldPasswordRefusal: string | undefined;
      try {
        desktop.signIn(COMMANDER, PASSWORD);
        desktop.close();
      } catch (error) {
        oldPasswordRefusal = (error as { code?: string }).code;
      }
      expect(oldPasswordRefusal, 'the replaced password must be refused').toBe('sign-in-refused');
      expect(desktop.signIn(COMMANDER, NEW_PASSWORD).me.username).toBe(COMMANDER);
    } finally {
      desktop.close();
    }
  });

  // FAILS at the time of writing: the copy at the sign-in screen unseals the old master key
  // from its stale keyring and tells the person to restore both files from backup.
  it('after a master-key rotation in one, the other still signs in (and does not ask for a restore from backup)', () => {
    const ws = newWorkspace('two-stalekey');
    const desktop = Workspace.open(ws.dir); // sitting at the sign-in screen
    const cli = Workspace.open(ws.dir);
    const c = cli.signIn(COMMANDER, PASSWORD);
    cli.call(c.token, 'workspace.rekey', {});
    cli.close();

    let outcome: string;
    try {
      outcome = `signed in as ${desktop.signIn(COMMANDER, PASSWORD).me.username}`;
    } catch (error) {
      outcome = `refused: ${(error as Error).message}`;
    } finally {
      desktop.close();
    }
    expect(outcome).toBe(`signed in as ${COMMANDER}`);
  });
});
