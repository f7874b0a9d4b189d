import { expect } from 'vitest';
import type { Role } from '../../src-main/contract/roles';
import type { AuditEntry, AuditFilter } from '../../src-main/contract/schemas';
import { appendAuditEntry, type StoredAuditRow } from '../../src-main/core/audit/chain';
import { toAuditEntry } from '../../src-main/core/audit/query';
import type { Clock } from '../../src-main/core/clock';
import type { CustodianError, ErrorKind } from '../../src-main/core/errors';
import { custodianErrorFrom } from './store-support';
import type { Db } from '../../src-main/core/store/database';
import { Workspace } from '../../src-main/core/workspace';

/** A clock the test moves by hand, so lockouts, idle locks and training expiry can be reached. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: string) {
    this.current = Date.parse(start);
    if (Number.isNaN(this.current)) throw new Error(`not a time: ${start}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  /** Jump to a given time; never backwards, as a real clock would not. */
  set(iso: string): void {
    const next = Date.parse(iso);
    if (Number.isNaN(next) || next < this.current) throw new Error(`cannot set the test clock to ${iso}`);
    this.current = next;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }

  /** YYYY-MM-DD of the clock's current day (UTC). */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

export interface Person {
  username: string;
  fullName: string;
  password: string;
  roles: Role[];
}

export const COMMANDER: Person = {
  username: 'lthompson',
  fullName: 'Laura Thompson',
  password: 'Parsons-Records-2026!',
  roles: ['commander'],
};

export const ADMINISTRATOR: Person = {
  username: 'kreyes',
  fullName: 'Kim Reyes',
  password: 'Evidence-Locker-Key-88',
  roles: ['administrator'],
};

export const MEMBER: Person = {
  username: 'jmorales',
  fullName: 'Jordan Morales',
  password: 'Patrol-Unit-Fourteen-14',
  roles: ['member'],
};

export const AUDITOR: Person = {
  username: 'pwilson',
  fullName: 'Pat Wilson',
  password: 'Ledger-Review-Quarter-3',
  roles: ['auditor'],
};

export { removeTempFolders, tempFolder } from './temp';
import { tempFolder } from './temp';

export interface TestWorkspace {
  dir: string;
  ws: Workspace;
  clock: TestClock;
  workspaceId: string;
  recoveryCode: string;
}

/** Create a workspace in a new temp folder with COMMANDER as its first commander, and open it. */
export function createWorkspace(
  label: string,
  options: { start?: string; workstation?: string; initWorkstation?: string } = {},
): TestWorkspace {
  const clock = new TestClock(options.start ?? '2026-03-02T09:15:00.123Z');
  const dir = tempFolder(label);
  const workstation = options.workstation ?? 'RECORDS-DESK-1';
  const { workspaceId, recoveryCode } = Workspace.init(
    dir,
    { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password },
    { clock, workstation: options.initWorkstation ?? workstation },
  );
  const ws = Workspace.open(dir, { clock, workstation });
  return { dir, ws, clock, workspaceId, recoveryCode };
}

/** Sign in and return the session token. */
export function signIn(ws: Workspace, person: Person): string {
  return ws.signIn(person.username, person.password).token;
}

/** Add a person through the gate, acting as `by`. */
export function addPerson(ws: Workspace, byToken: string, person: Person): void {
  ws.call(byToken, 'user.add', { username: person.username, fullName: person.fullName, roles: person.roles, password: person.password });
}

/** Run `action`, which must be refused with this kind and code (or one of these codes); returns the error for more checks. */
export function expectRefusal(
  action: () => unknown,
  expected: { kind: ErrorKind; code: string | readonly string[]; message?: RegExp | string },
): CustodianError {
  const error = custodianErrorFrom(action);
  expect(error.kind).toBe(expected.kind);
  if (typeof expected.code === 'string') expect(error.code).toBe(expected.code);
  else expect(expected.code).toContain(error.code);
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  return error;
}

/** The open store; fails the test if nobody is signed in. */
export function openStore(ws: Workspace): Db {
  const db = ws.database();
  if (!db) throw new Error('the store is closed: nobody is signed in');
  return db;
}

/** Every entry of the access log, read straight from the store (no access-log entry of its own). */
export function allEntries(ws: Workspace): AuditEntry[] {
  const rows = openStore(ws).prepare('SELECT * FROM audit_log ORDER BY seq').all() as StoredAuditRow[];
  return rows.map(toAuditEntry);
}

/** The newest entry of the access log, read straight from the store. */
export function lastEntry(ws: Workspace): AuditEntry {
  const row = openStore(ws).prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as StoredAuditRow | undefined;
  if (!row) throw new Error('the access log is empty');
  return toAuditEntry(row);
}

/** The entry's objects as a plain record. */
export function objectsOf(entry: AuditEntry): Record<string, unknown> {
  expect(entry.objects).toBeTypeOf('object');
  return entry.objects as Record<string, unknown>;
}

/** The input the gate recorded for an entry. */
export function recordedInput(entry: AuditEntry): Record<string, unknown> {
  const input = objectsOf(entry).input;
  expect(input).toBeTypeOf('object');
  return input as Record<string, unknown>;
}

/** The access log through the real export (JSON, streamed to a sink), as someone exporting it gets it. */
export function exportLog(ws: Workspace, token: string, filter: AuditFilter = {}): AuditEntry[] {
  let text = '';
  ws.call(token, 'audit.export', { ...filter, format: 'json' }, undefined, (chunk) => {
    text += chunk;
  });
  return JSON.parse(text) as AuditEntry[];
}

/** Append `count` ordinary entries straight into the chain, in one transaction (fast: about 30,000 a second). */
export function seedAuditEntries(ws: Workspace, count: number, at = new Date('2026-11-01T09:00:00Z')): void {
  const db = openStore(ws);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      appendAuditEntry(db, ws.workspaceId, {
        at: new Date(at.getTime() + i * 1000).toISOString(),
        accountId: null,
        username: 'seeded',
        fullName: 'Seeded Entry',
        role: 'member',
        operation: 'user.list',
        objects: { seeded: i },
        caseNumber: null,
        purpose: null,
        outcome: 'ok',
        reason: null,
        workstation: 'seed',
      });
    }
  })();
}
