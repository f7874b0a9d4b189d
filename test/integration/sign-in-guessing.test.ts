/**
 * Guessing at sign-in, as an attacker at this computer would: many `custodian` processes at
 * once, unknown names, disabled accounts, and a password typed into the user-name field.
 * Each of these was a defect found by trying: parallel guesses slipped past the lockout and
 * vanished from the log, the answers told names apart, and a mistyped password was kept
 * for ever.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/contract/schemas';
import { Workspace } from '../../src-main/core/workspace';
import { custodian, startCustodian, type CliResult } from '../support/cli';
import {
  COMMANDER,
  PASSWORD,
  filesContaining,
  newWorkspace,
  readEveryFile,
  removeTempFolders,
  type TestWorkspace,
} from '../support/store-support';

const CLERK = 'jdoe';
const CLERK_PASSWORD = 'Harbor-Lights-Evening-44';
const NO_MATCH = 'That username and password do not match an active account.';

afterAll(removeTempFolders);

function workspaceWithClerk(label: string): TestWorkspace {
  const made = newWorkspace(label);
  const ws = Workspace.open(made.dir);
  const { token } = ws.signIn(COMMANDER, PASSWORD);
  ws.call(token, 'user.add', { username: CLERK, fullName: 'Jamie Doe', roles: ['member'], password: CLERK_PASSWORD });
  ws.close();
  return made;
}

/** Run `custodian --user NAME whoami` with PASSWORD, all at once; resolves when every one has ended. */
function whoamiAtOnce(dir: string, tries: Array<{ user: string; password: string }>): Promise<CliResult[]> {
  return Promise.all(
    tries.map(
      ({ user, password }) =>
        new Promise<CliResult>((resolve) => {
          const child = startCustodian(['--workspace', dir, '--user', user, '--json', 'whoami'], { CUSTODIAN_PASSWORD: password });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }));
        }),
    ),
  );
}

/** The whole access log, read by the commander (a sign-in of its own, which flushes what waited). */
function accessLog(dir: string): AuditEntry[] {
  const ws = Workspace.open(dir);
  try {
    const { token } = ws.signIn(COMMANDER, PASSWORD);
    return ws.call(token, 'audit.query', { limit: 1000 }).entries;
  } finally {
    ws.close();
  }
}

describe('twenty wrong passwords started at once', () => {
  let made: TestWorkspace;
  let results: CliResult[];

  beforeAll(async () => {
    made = workspaceWithClerk('parallel');
    results = await whoamiAtOnce(
      made.dir,
      Array.from({ length: 20 }, (_, i) => ({ user: CLERK, password: `Wrong-Guess-Number-${i}` })),
    );
  }, 120_000);

  it('are all refused, and no more than five are ever tried against the key slot', () => {
    for (const r of results) expect(r.code, r.stderr).toBe(3);
    const codes = results.map((r) => r.json<{ error: { code: string } }>().error.code);
    const tried = codes.filter((c) => c === 'sign-in-refused');
    expect(tried.length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'sign-in-refused').every((c) => c === 'account-locked')).toBe(true);
  });

  it('leave the account locked: even the right password is refused', () => {
    const r = custodian(['--workspace', made.dir, '--user', CLERK, '--json', 'whoami'], { CUSTODIAN_PASSWORD: CLERK_PASSWORD });
    expect(r.code).toBe(3);
    expect(r.json()).toMatchObject({ error: { code: 'account-locked' } });
  });

  it('leave twenty refusals in the log after the next sign-in, one per guess, none lost', () => {
    const refused = accessLog(made.dir).filter((e) => e.operation === 'session.signIn' && e.outcome === 'denied' && e.username === CLERK);
    // the twenty guesses and the right password refused while locked
    expect(refused).toHaveLength(21);
    expect(refused.filter((e) => /^Wrong password for jdoe\./.test(e.reason!))).toHaveLength(
      results.filter((r) => r.json<{ error: { code: string } }>().error.code === 'sign-in-refused').length,
    );
    for (const e of refused) expect(e.objects).toMatchObject({ recordedBeforeSignIn: true });
    expect(new Set(refused.map((e) => (e.objects as { pendingId: string }).pendingId)).size).toBe(21);
  });
});

describe('an unknown name, a disabled account and a wrong password', () => {
  let made: TestWorkspace;

  beforeAll(() => {
    made = workspaceWithClerk('same-answer');
    const ws = Workspace.open(made.dir);
    const { token } = ws.signIn(COMMANDER, PASSWORD);
    ws.call(token, 'user.add', { username: 'rgone', fullName: 'Robin Gone', roles: ['member'], password: 'Gravel-Road-Sunset-81' });
    ws.call(token, 'user.disable', { username: 'rgone' });
    ws.close();
  });

  it('get the same sentence and code, after about the same work', () => {
    const timed = (user: string, password: string) => {
      const ws = Workspace.open(made.dir);
      const started = process.hrtime.bigint();
      let refusal: { code?: string; message?: string } = {};
      try {
        ws.signIn(user, password);
      } catch (e) {
        const { code, message } = e as { code: string; message: string };
        refusal = { code, message };
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ws.close();
      return { ...refusal, ms };
    };
    const answers = [timed('ghost', 'Some-Password-123'), timed('rgone', 'Gravel-Road-Sunset-81'), timed(CLERK, 'Not-Her-Password-7')];
    for (const a of answers) {
      expect(a.code).toBe('sign-in-refused');
      expect(a.message).toBe(`${NO_MATCH} 4 more failed attempts will lock it for 10 minutes.`);
    }
    // Each runs one Argon2id derivation with the key slots' cost (about 0.2 s here): an
    // unknown name answers no faster than a wrong password (it once answered at once).
    const [ghost, disabled, wrong] = answers.map((a) => a.ms);
    expect(ghost!).toBeGreaterThan(wrong! / 3);
    expect(disabled!).toBeGreaterThan(wrong! / 3);
  });

  it('are told apart in the access log, which keeps the true reason', () => {
    const refused = accessLog(made.dir).filter((e) => e.operation === 'session.signIn' && e.outcome === 'denied');
    const reasons = refused.map((e) => e.reason!);
    expect(reasons.some((r) => /^An unknown account was tried \(name fingerprint [0-9a-f]{32}\)\./.test(r))).toBe(true);
    expect(reasons.some((r) => /^The account rgone is disabled\./.test(r))).toBe(true);
    expect(reasons.some((r) => /^Wrong password for jdoe\./.test(r))).toBe(true);
  });

  it('count failures against an unknown name too: the fifth locks it', () => {
    const ws = Workspace.open(made.dir);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        ws.signIn('nobody-here', `Guess-${i}-Password-xyz`);
      } catch (e) {
        codes.push((e as { code: string }).code);
      }
    }
    ws.close();
    expect(codes).toEqual([
      'sign-in-refused',
      'sign-in-refused',
      'sign-in-refused',
      'sign-in-refused',
      'sign-in-refused',
      'account-locked',
    ]);
  });
});

describe('a password typed into the user-name field', () => {
  it('is kept nowhere: neither in logon-state.json nor, after the next sign-in, in the access log', () => {
    const made = workspaceWithClerk('typed-password');
    const typed = 'Second-Staple-Lantern-7';
    const r = custodian(['--workspace', made.dir, '--user', typed, 'whoami'], { CUSTODIAN_PASSWORD: 'x' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(NO_MATCH);
    expect(r.stderr).not.toMatch(/second-staple-lantern-7/i);
    expect(fs.existsSync(made.files.logonState)).toBe(true);
    expect(filesContaining(readEveryFile(made.dir), typed.toLowerCase())).toEqual([]);

    // twice: the same fingerprint, so repeated tries can be told apart without the text
    custodian(['--workspace', made.dir, '--user', typed, 'whoami'], { CUSTODIAN_PASSWORD: 'y' });
    const log = accessLog(made.dir);
    const unknown = log.filter((e) => e.operation === 'session.signIn' && e.outcome === 'denied');
    expect(unknown).toHaveLength(2);
    const prints = unknown.map((e) => (e.objects as { unknownAccount: { nameFingerprint: string } }).unknownAccount.nameFingerprint);
    expect(prints[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(prints[1]).toBe(prints[0]);
    expect(JSON.stringify(log)).not.toMatch(/second-staple-lantern-7/i);
    expect(filesContaining(readEveryFile(made.dir), typed.toLowerCase())).toEqual([]);
  });

  it('left by an older Custodian in logon-state.json is written into the log as its fingerprint', () => {
    const made = workspaceWithClerk('legacy-state');
    const typed = 'purple-tractor-lamp-19';
    fs.writeFileSync(
      made.files.logonState,
      JSON.stringify({
        format: 'custodian-logon-state',
        version: 1,
        accounts: { [typed]: { failures: 1, lastFailureAt: '2026-01-01T00:00:00.000Z', lockedUntil: null } },
        pending: [
          {
            at: '2026-01-01T00:00:00.000Z',
            username: typed,
            operation: 'session.signIn',
            reason: `There is no account named ${typed} on this workstation.`,
            workstation: 'OLD',
          },
        ],
      }),
    );
    const log = accessLog(made.dir);
    expect(JSON.stringify(log)).not.toContain(typed);
    const carried = log.find((e) => e.workstation === 'OLD')!;
    expect(carried).toMatchObject({ username: null, outcome: 'denied' });
    expect(carried.reason).toMatch(/^An unknown account was tried \(name fingerprint [0-9a-f]{32}\)\./);
    expect(filesContaining(readEveryFile(made.dir), typed)).toEqual([]);
  });
});
