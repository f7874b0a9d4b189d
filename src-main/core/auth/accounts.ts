import type { Role } from '../../contract/roles';
import type { Account, Me } from '../../contract/schemas';
import type { Db } from '../store/database';
import { readSettings } from '../settings/settings';
import { trainingStatus } from './training';
import type { Actor } from './sessions';

interface AccountRow {
  id: number;
  username: string;
  fullName: string;
  status: 'active' | 'disabled';
  confidentialAuthorized: number;
  createdAt: string;
}

const SELECT_ACCOUNT = `
  SELECT id, username, full_name AS fullName, status, confidential_authorized AS confidentialAuthorized, created_at AS createdAt
  FROM accounts`;

export function findAccount(db: Db, username: string): AccountRow | undefined {
  return db.prepare(`${SELECT_ACCOUNT} WHERE username = ?`).get(username) as AccountRow | undefined;
}

export function rolesOf(db: Db, accountId: number): Role[] {
  return db.prepare('SELECT role FROM account_roles WHERE account_id = ? ORDER BY role').pluck().all(accountId) as Role[];
}

export function insertAccount(
  db: Db,
  account: {
    username: string;
    fullName: string;
    roles: readonly Role[];
    confidentialAuthorized: boolean;
    createdBy: number | null;
    now: string;
  },
): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO accounts(username, full_name, status, confidential_authorized, created_at, created_by, password_changed_at)
       VALUES (?, ?, 'active', ?, ?, ?, ?)`,
    )
    .run(account.username, account.fullName, account.confidentialAuthorized ? 1 : 0, account.now, account.createdBy, account.now);
  const id = Number(lastInsertRowid);
  const addRole = db.prepare('INSERT INTO account_roles(account_id, role) VALUES (?, ?)');
  for (const role of new Set(account.roles)) addRole.run(id, role);
  return id;
}

export function actorFor(db: Db, row: AccountRow): Actor {
  return {
    accountId: row.id,
    username: row.username,
    fullName: row.fullName,
    roles: rolesOf(db, row.id),
    confidentialAuthorized: row.confidentialAuthorized === 1,
  };
}

/** An account as people see it, with its training status worked out for today and the end of a sign-in lock, if any. */
export function accountView(db: Db, row: AccountRow, now: Date, lockedUntil: Date | undefined): Account {
  return {
    username: row.username,
    fullName: row.fullName,
    roles: rolesOf(db, row.id),
    status: row.status,
    confidentialAuthorized: row.confidentialAuthorized === 1,
    createdAt: row.createdAt,
    training: trainingStatus(db, row.id, readSettings(db).requiredCourses, now),
    lockedUntil: lockedUntil?.toISOString() ?? null,
  };
}

export function listAccounts(db: Db): AccountRow[] {
  return db.prepare(`${SELECT_ACCOUNT} ORDER BY username`).all() as AccountRow[];
}

export function disableAccount(db: Db, accountId: number, by: number, now: string): void {
  db.prepare("UPDATE accounts SET status = 'disabled', disabled_at = ?, disabled_by = ? WHERE id = ?").run(now, by, accountId);
}

export function setConfidential(db: Db, accountId: number, authorized: boolean): void {
  db.prepare('UPDATE accounts SET confidential_authorized = ? WHERE id = ?').run(authorized ? 1 : 0, accountId);
}

export function markPasswordChanged(db: Db, accountId: number, now: string): void {
  db.prepare('UPDATE accounts SET password_changed_at = ? WHERE id = ?').run(now, accountId);
}

/** The signed-in person as they see themselves. */
export function describeMe(db: Db, actor: Actor, now: Date): Me {
  const settings = readSettings(db);
  return {
    username: actor.username,
    fullName: actor.fullName,
    roles: [...actor.roles],
    confidentialAuthorized: actor.confidentialAuthorized,
    training: trainingStatus(db, actor.accountId, settings.requiredCourses, now),
    idleMinutes: settings.idleMinutes,
  };
}
