/**
 * `custodian home`: the home screen's counts for the person signed in, from the same
 * operation the app calls (`home.tiles`), with the command that lists each; and the lists
 * those commands give, filtered as the app's pages filter them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Home } from '../../src-main/contract/home';
import type { Account } from '../../src-main/contract/schemas';
import { Workspace } from '../../src-main/core/workspace';
import { custodian } from '../support/cli';
import { removeTempFolders, tempFolder } from '../support/temp';

const COMMANDER_PW = 'Parsons-Records-2026!';
const MEMBER_PW = 'Plate-Reader-Desk-42';
afterAll(removeTempFolders);

let dir: string;
const as = (user: string, password: string, args: string[]) =>
  custodian(['--workspace', dir, '--user', user, ...args], { CUSTODIAN_PASSWORD: password, CUSTODIAN_NEW_PASSWORD: MEMBER_PW });

beforeAll(() => {
  dir = path.join(tempFolder('cli-home'), 'ws');
  const init = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
    CUSTODIAN_PASSWORD: COMMANDER_PW,
  });
  expect(init.code, init.stderr).toBe(0);
});

describe('custodian home', () => {
  it('prints a new workspace’s first steps and the commander’s tiles, each with the command that lists it', () => {
    const r = as('cmdr', COMMANDER_PW, ['home']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('First steps (0 of 5 done):');
    expect(r.stdout).toContain("[ ] Make or import the department's signing certificate: custodian cert generate --name …");
    expect(r.stdout).toContain('[ ] Add the people who will use Custodian: custodian user add');
    expect(r.stdout).toContain('[ ] Import the first vendor export: custodian import FILE');
    expect(r.stdout).toContain('What needs you now:');
    expect(r.stdout).toMatch(/^ {2}0 {2}Unverified alerts: /m);
    // the commander has no training yet
    expect(r.stdout).toMatch(/^ {2}1 {2}Training missing or expired: .*\n {5}custodian user list --show training-missing$/m);
    expect(r.stdout).toMatch(
      /^ {2}1 {2}Set a checkpoint folder: No checkpoint folder is set: a cut-short or rewritten access log would go unnoticed\.$/m,
    );
  });

  it('counts for the person signed in: a member sees the alerts only; a lockout shows, with its list', () => {
    const add = as('cmdr', COMMANDER_PW, ['user', 'add', '--username', 'jdoe', '--full-name', 'Jo Doe', '--role', 'member']);
    expect(add.code, add.stderr).toBe(0);

    const member = as('jdoe', MEMBER_PW, ['--json', 'home']);
    expect(member.code, member.stderr).toBe(0);
    expect(member.json<Home>()).toEqual({
      tiles: [
        {
          id: 'alerts-unverified',
          permission: 'alpr.read',
          count: 0,
          detail: null,
          opens: { module: 'alerts', query: { status: 'unverified' } },
        },
      ],
      firstSteps: [],
    });

    for (let i = 0; i < 5; i++) expect(as('jdoe', `Wrong-password-${i}-x`, ['home']).code).toBe(3);
    const home = as('cmdr', COMMANDER_PW, ['--json', 'home']).json<Home>();
    expect(home.tiles.find((tile) => tile.id === 'people-locked-out')?.count).toBe(1);
    expect(home.firstSteps.find((step) => step.id === 'add-people')?.done).toBe(true);
    const text = as('cmdr', COMMANDER_PW, ['home']).stdout;
    expect(text).toMatch(/^ {2}1 {2}People locked out: .*\n {5}custodian user list --show locked-out$/m);

    const locked = as('cmdr', COMMANDER_PW, ['--json', 'user', 'list', '--show', 'locked-out']);
    expect(locked.code, locked.stderr).toBe(0);
    expect(locked.json<Account[]>().map((a) => a.username)).toEqual(['jdoe']);
    expect(as('cmdr', COMMANDER_PW, ['user', 'list', '--show', 'locked-out']).stdout).toMatch(/jdoe.*locked until \d{4}-/);
    expect(as('cmdr', COMMANDER_PW, ['user', 'list', '--show', 'everyone']).stderr).toContain(
      '--show must be one of training-expiring, training-missing, locked-out.',
    );
  });

  it('gives what the app gets: the same operation, the same answer', () => {
    const printed = as('cmdr', COMMANDER_PW, ['--json', 'home']).json<Home>();
    const ws = Workspace.open(dir);
    try {
      const { token } = ws.signIn('cmdr', COMMANDER_PW);
      expect(ws.call(token, 'home.tiles', {})).toEqual(printed);
      ws.call(token, 'session.signOut', {});
    } finally {
      ws.close();
    }
  });

  it('counts the imports that rejected rows, and lists just those with --with-rejects', () => {
    const files = tempFolder('cli-home-files');
    expect(
      as('cmdr', COMMANDER_PW, [
        'training',
        'record',
        '--username',
        'cmdr',
        '--course',
        'ALPR Operator Training',
        '--completed',
        '2026-01-05',
      ]).code,
    ).toBe(0);
    const mapping = path.join(files, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ vendor: 'Vigilant', columns: { plate: 'Tag', captureTime: 'When' } }));
    expect(as('cmdr', COMMANDER_PW, ['import', 'profile', 'save', 'Tag and time', '--mapping', mapping]).code).toBe(0);
    const clean = path.join(files, 'clean.csv');
    fs.writeFileSync(clean, 'Tag,When\nABC123,2026-11-01 10:00:00\n');
    const rejecting = path.join(files, 'rejecting.csv');
    fs.writeFileSync(rejecting, 'Tag,When\nXYZ789,2026-11-01 10:05:00\n,2026-11-01 10:06:00\n');
    const imported = as('cmdr', COMMANDER_PW, ['--json', 'import', clean, rejecting, '--profile', 'Tag and time', '--timezone', 'UTC']);
    expect(imported.code, imported.stderr).toBe(0);
    const [, withRejects] = imported.json<{ importId: number }[]>();

    const home = as('cmdr', COMMANDER_PW, ['--json', 'home']).json<Home>();
    expect(home.tiles.find((tile) => tile.id === 'imports-with-rejects')?.count).toBe(1);
    expect(home.firstSteps.find((step) => step.id === 'import-first-export')?.done).toBe(true);
    expect(as('cmdr', COMMANDER_PW, ['home']).stdout).toMatch(
      /^ {2}1 {2}Imports with rejected rows: .*\n {5}custodian import list --with-rejects$/m,
    );

    const listed = as('cmdr', COMMANDER_PW, ['--json', 'import', 'list', '--with-rejects']).json<{ importId: number }[]>();
    expect(listed.map((r) => r.importId)).toEqual([withRejects!.importId]);
    expect(as('cmdr', COMMANDER_PW, ['--json', 'import', 'list']).json<unknown[]>()).toHaveLength(2);
  });
});
