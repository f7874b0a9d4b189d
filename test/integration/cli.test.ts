import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CheckpointFile, VerifyResult } from '../../src-main/contract/schemas';
import { openEncrypted } from '../../src-main/core/store/database';
import { workspaceFiles } from '../../src-main/core/store/paths';
import { custodian } from '../support/cli';
import { masterKeyFromSlot } from '../support/store-support';
import { removeTempFolders, tempFolder as tempDir } from '../support/temp';

const COMMANDER_PW = 'Parsons-Records-2026!';
const MEMBER_PW = 'Plate-Reader-Desk-42';
afterAll(removeTempFolders);

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A workspace with a commander, made through the CLI as a newcomer would. */
function newWorkspace(): { dir: string; recoveryCode: string; workspaceId: string } {
  const dir = path.join(tempDir(), 'ws');
  const r = custodian(['--workspace', dir, '--json', 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
    CUSTODIAN_PASSWORD: COMMANDER_PW,
  });
  expect(r.code, r.stderr).toBe(0);
  return { dir, ...r.json<{ recoveryCode: string; workspaceId: string }>() };
}

describe('custodian init', () => {
  it('creates a workspace and prints the recovery code once, with advice on keeping it', () => {
    const dir = path.join(tempDir(), 'ws');
    const r = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
      CUSTODIAN_PASSWORD: COMMANDER_PW,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Recovery code:\s+([0-9A-Z]{4}-){7}[0-9A-Z]{4}/);
    expect(r.stdout).toMatch(/shown only this once/);
    expect(fs.readdirSync(dir).sort()).toEqual(expect.arrayContaining(['custodian.db', 'images', 'keyring.json', 'workspace.json']));
  });

  it('refuses a weak password with the rule it breaks and creates nothing', () => {
    const dir = path.join(tempDir(), 'ws');
    const r = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
      CUSTODIAN_PASSWORD: 'short',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least 12 characters/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('will not run without a password when no terminal can ask for one', () => {
    const dir = path.join(tempDir(), 'ws');
    const r = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Set CUSTODIAN_PASSWORD/);
  });
});

describe('signing in from the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = newWorkspace().dir;
  });

  it('says who you are', () => {
    const r = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ username: 'cmdr', fullName: 'Pat Commander', roles: ['commander'] });
  });

  it('refuses a wrong password with exit 3 and leaves the database as it was', () => {
    const before = sha256(path.join(dir, 'custodian.db'));
    const r = custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: 'Not-The-Password-1' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /That username and password do not match an active account\. 4 more failed attempts will lock it for 10 minutes\./,
    );
    expect(sha256(path.join(dir, 'custodian.db'))).toBe(before);
  });

  it('refuses an unknown person, a missing --user and a folder that is not a workspace, each in one sentence', () => {
    const unknown = custodian(['--workspace', dir, '--user', 'nobody', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(unknown.code).toBe(3);
    // the same sentence as a wrong password: the answer does not tell which names exist
    expect(unknown.stderr).toMatch(/That username and password do not match an active account\./);

    const noUser = custodian(['--workspace', dir, 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/--user NAME/);

    const notWorkspace = custodian(['--workspace', tempDir(), '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(notWorkspace.code).toBe(1);
    expect(notWorkspace.stderr).toMatch(/is not a Custodian workspace.*custodian init/);
  });

  it('gives a JSON error with a code under --json', () => {
    const r = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'whoami'], { CUSTODIAN_PASSWORD: 'Not-The-Password-2' });
    expect(r.code).toBe(3);
    expect(r.json()).toMatchObject({ error: { code: 'sign-in-refused' } });
  });

  it('refuses a workspace written by a newer Custodian, naming what to do (exit 1)', () => {
    const made = newWorkspace();
    const newer = made.dir;
    const key = masterKeyFromSlot({ ...made, files: workspaceFiles(newer) }, 'cmdr', COMMANDER_PW);
    const db = openEncrypted(path.join(newer, 'custodian.db'), key);
    db.pragma('user_version = 99');
    db.close();
    const r = custodian(['--workspace', newer, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/written by a newer Custodian \(schema 99.*Install the newer version/);
  });

  it('treats an unknown command as a usage error', () => {
    expect(custodian(['frobnicate']).code).toBe(2);
  });
});

describe('people, training and ALPR access', () => {
  let dir: string;
  const asCmdr = (args: string[], env: Record<string, string> = {}) =>
    custodian(['--workspace', dir, '--user', 'cmdr', '--json', ...args], { CUSTODIAN_PASSWORD: COMMANDER_PW, ...env });
  const asMember = (args: string[]) =>
    custodian(['--workspace', dir, '--user', 'jdoe', '--json', ...args], { CUSTODIAN_PASSWORD: MEMBER_PW });

  beforeAll(() => {
    dir = newWorkspace().dir;
    const add = asCmdr(['user', 'add', '--username', 'jdoe', '--full-name', 'Jane Doe', '--role', 'member'], {
      CUSTODIAN_NEW_PASSWORD: MEMBER_PW,
    });
    expect(add.code, add.stderr).toBe(0);
  });

  it('lists people with their training status', () => {
    const r = asCmdr(['user', 'list']);
    expect(r.code, r.stderr).toBe(0);
    const jdoe = r.json<{ username: string; training: { current: boolean; missing: string[] } }[]>().find((a) => a.username === 'jdoe');
    expect(jdoe?.training).toMatchObject({ current: false, missing: ['ALPR Operator Training'] });
  });

  it('refuses ALPR data to a member without training, naming the course, then allows it once recorded', () => {
    const refused = asMember(['--case', '26-0042', '--purpose', 'Stolen vehicle reported 2026-11-28', 'holdings']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/no ALPR Operator Training on record/);

    const rec = asCmdr([
      'training',
      'record',
      '--username',
      'jdoe',
      '--course',
      'ALPR Operator Training',
      '--completed',
      '2026-11-01',
      '--expires',
      '2027-11-01',
    ]);
    expect(rec.code, rec.stderr).toBe(0);

    const noPurpose = asMember(['holdings']);
    expect(noPurpose.code).toBe(3);
    expect(noPurpose.stderr).toMatch(/case number and the purpose/);

    const allowed = asMember(['--case', '26-0042', '--purpose', 'Stolen vehicle reported 2026-11-28', 'holdings']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.json()).toEqual({ reads: 0, oldestCapture: null, newestCapture: null });
  });

  it('refuses a member who tries to manage people (exit 3)', () => {
    const r = custodian(
      ['--workspace', dir, '--user', 'jdoe', 'user', 'add', '--username', 'x2', '--full-name', 'X Two', '--role', 'member'],
      {
        CUSTODIAN_PASSWORD: MEMBER_PW,
        CUSTODIAN_NEW_PASSWORD: 'Another-Long-Pass-9',
      },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Jane Doe may not do this/);
  });

  it('rejects an unknown role as a usage error', () => {
    const r = asCmdr(['user', 'add', '--username', 'x3', '--full-name', 'X Three', '--role', 'sheriff'], {
      CUSTODIAN_NEW_PASSWORD: 'Another-Long-Pass-9',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown role sheriff/);
  });

  it('shows every step in the access log, by name, with case and purpose where given', () => {
    const r = asCmdr(['audit', 'export', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const entries = r.json<AuditEntry[]>();
    const ops = entries.map((e) => `${e.username}:${e.operation}:${e.outcome}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'cmdr:workspace.init:ok',
        'cmdr:user.add:ok',
        'jdoe:alpr.holdings:denied',
        'cmdr:training.record:ok',
        'jdoe:alpr.holdings:ok',
        'jdoe:user.add:denied',
      ]),
    );
    const allowed = entries.find((e) => e.operation === 'alpr.holdings' && e.outcome === 'ok');
    expect(allowed).toMatchObject({
      fullName: 'Jane Doe',
      role: 'member',
      caseNumber: '26-0042',
      purpose: 'Stolen vehicle reported 2026-11-28',
    });
    expect(allowed!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(entries)).not.toContain(MEMBER_PW);
  });

  it('exports CSV filtered by person, and logs the export itself', () => {
    const r = custodian(['--workspace', dir, '--user', 'cmdr', 'audit', 'export', '--format', 'csv', '--username', 'jdoe'], {
      CUSTODIAN_PASSWORD: COMMANDER_PW,
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,at,username,fullName,role,operation,action,objects,caseNumber,purpose,outcome,reason,workstation');
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'jdoe')).toBe(true);
    const log = asCmdr(['audit', 'export', '--format', 'json', '--operation', 'audit.export']).json<AuditEntry[]>();
    expect(log.some((e) => (e.objects as { input?: { username?: string } }).input?.username === 'jdoe')).toBe(true);
  });

  it('lists the log in plain words, newest first, or oldest first when asked', () => {
    const list = (...args: string[]) =>
      custodian(['--workspace', dir, '--user', 'cmdr', 'audit', 'list', '--timezone', 'UTC', ...args], {
        CUSTODIAN_PASSWORD: COMMANDER_PW,
      });
    const r = list('--username', 'jdoe', '--limit', '5');
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((line) => /^│ \d/.test(line));
    expect(rows).toHaveLength(5);
    const seqs = rows.map((line) => Number(/^│ (\d+)/.exec(line)![1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(r.stdout).toMatch(/│ Added a person\s+│ Refused\s+│/);
    expect(r.stdout).toMatch(/│ Looked at the ALPR data held\s+│ Done\s+│ 26-0042 /);
    expect(r.stdout).not.toMatch(/alpr\.holdings|user\.add|│ (ok|denied) /);
    expect(r.stdout).toMatch(/^5 of \d+ entries; /m);
    expect(r.stdout).toContain('Times are UTC');

    const oldest = list('--order', 'oldest', '--limit', '2');
    expect(oldest.code, oldest.stderr).toBe(0);
    expect(oldest.stdout).toMatch(/│ 1 +│ .*│ Set up the workspace +│ Done +│/);
    expect(list('--order', 'sideways').code).toBe(2);

    const json = asCmdr(['audit', 'list', '--operation', 'user.add', '--order', 'oldest']).json<{ entries: AuditEntry[] }>();
    expect(json.entries.map((e) => e.operation)).toEqual(['user.add', 'user.add']);
  });

  it('disables a person: they can no longer sign in, their history stays', () => {
    const r = asCmdr(['user', 'disable', 'jdoe']);
    expect(r.code, r.stderr).toBe(0);
    const signIn = asMember(['whoami']);
    expect(signIn.code).toBe(3);
    expect(signIn.stderr).toMatch(/That username and password do not match an active account/);
    const history = asCmdr(['audit', 'export', '--format', 'json', '--username', 'jdoe']).json<AuditEntry[]>();
    expect(history.length).toBeGreaterThan(3);
  });
});

describe('the access log from the command line', () => {
  it('verifies, signs a checkpoint to a file, and refuses a forged checkpoint', () => {
    const { dir } = newWorkspace();
    const env = { CUSTODIAN_PASSWORD: COMMANDER_PW };
    const checkpointFile = path.join(tempDir(), 'checkpoint.json');
    const cp = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'audit', 'checkpoint', '--out', checkpointFile], env);
    expect(cp.code, cp.stderr).toBe(0);
    const file = JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as CheckpointFile;
    expect(file).toMatchObject({ format: 'custodian-audit-checkpoint', seq: 2 });

    const again = custodian(['--workspace', dir, '--user', 'cmdr', 'audit', 'checkpoint', '--out', checkpointFile], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);

    const ok = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'audit', 'verify', '--checkpoint', checkpointFile], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json<VerifyResult>()).toMatchObject({ ok: true, checkpointsChecked: 2 });

    const forged = path.join(tempDir(), 'forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...file, seq: file.seq + 1000 }));
    const bad = custodian(['--workspace', dir, '--user', 'cmdr', 'audit', 'verify', '--checkpoint', forged], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^BROKEN: .*signature that does not verify/);
  });

  it('reports each trigger or table changed outside Custodian on a line of its own, exit 1', () => {
    const made = newWorkspace();
    const env = { CUSTODIAN_PASSWORD: COMMANDER_PW };
    // Someone holding the master key drops a trigger that keeps the log append-only and adds an index.
    const db = openEncrypted(
      path.join(made.dir, 'custodian.db'),
      masterKeyFromSlot({ ...made, files: workspaceFiles(made.dir) }, 'cmdr', COMMANDER_PW),
    );
    db.exec('DROP TRIGGER audit_log_no_update; CREATE INDEX accounts_by_name ON accounts(full_name)');
    db.close();

    const r = custodian(['--workspace', made.dir, '--user', 'cmdr', 'audit', 'verify'], env);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      'SCHEMA: The table audit_log is no longer append-only: the trigger audit_log_no_update, which refuses changing its rows, is missing.',
      'SCHEMA: An unexpected index, accounts_by_name on accounts, was added outside Custodian.',
    ]);
    const json = custodian(['--workspace', made.dir, '--user', 'cmdr', '--json', 'audit', 'verify'], env);
    expect(json.code).toBe(1);
    expect(json.json<VerifyResult>()).toMatchObject({
      ok: false,
      problem: null,
      schemaProblems: [
        { change: 'missing', type: 'trigger', name: 'audit_log_no_update', table: 'audit_log', appendOnly: true },
        { change: 'unexpected', type: 'index', name: 'accounts_by_name', table: 'accounts', appendOnly: false },
      ],
    });
  });
});

describe('keys from the command line', () => {
  it('rotates the master key, and everyone still signs in', () => {
    const { dir } = newWorkspace();
    const before = fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8');
    const r = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'rekey'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ slotsResealed: 2 });
    expect(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')).not.toBe(before);
    expect(custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW }).code).toBe(0);
  });

  it('changes a password: the old one stops working, the new one works', () => {
    const { dir } = newWorkspace();
    const next = 'Fresh-Commander-Pass-7';
    const r = custodian(['--workspace', dir, '--user', 'cmdr', 'user', 'passwd'], {
      CUSTODIAN_PASSWORD: COMMANDER_PW,
      CUSTODIAN_NEW_PASSWORD: next,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW }).code).toBe(3);
    expect(custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: next }).code).toBe(0);
  });

  it('recovers a commander with the recovery code and issues a new one', () => {
    const { dir, recoveryCode } = newWorkspace();
    const next = 'Recovered-Commander-3';
    const r = custodian(['--workspace', dir, '--user', 'cmdr', '--json', 'recover', '--recovery-code', recoveryCode.toLowerCase()], {
      CUSTODIAN_NEW_PASSWORD: next,
    });
    expect(r.code, r.stderr).toBe(0);
    const fresh = r.json<{ recoveryCode: string }>().recoveryCode;
    expect(fresh).not.toBe(recoveryCode);
    expect(custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: next }).code).toBe(0);

    const reuse = custodian(['--workspace', dir, '--user', 'cmdr', 'recover', '--recovery-code', recoveryCode], {
      CUSTODIAN_NEW_PASSWORD: 'Yet-Another-Pass-11',
    });
    expect(reuse.code).toBe(3);
    expect(reuse.stderr).toMatch(/recovery code is not right/);
  });

  it('locks an account after five wrong passwords', () => {
    const { dir } = newWorkspace();
    const wrong = () => custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: 'Wrong-Password-000' });
    for (let i = 0; i < 4; i++) expect(wrong().code).toBe(3);
    expect(wrong().stderr).toMatch(/now locked for 10 minutes/);
    const right = custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], { CUSTODIAN_PASSWORD: COMMANDER_PW });
    expect(right.code).toBe(3);
    expect(right.stderr).toMatch(/locked after 5 failed attempts/);
  });
});
