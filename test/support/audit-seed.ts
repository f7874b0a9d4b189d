import { appendAuditEntry, type NewAuditEntry } from '../../src-main/core/audit/chain';
import type { AppService } from '../../src-main/service/app-service';
import { COMMANDER } from './workspace-fixtures';

/** The people the seeded entries name (not accounts in the workspace: the log keeps names as they were). */
export const SEEDED_PEOPLE = [
  { username: 'm.hale', fullName: 'Maria Hale', role: 'commander' },
  { username: 'j.okafor', fullName: 'James Okafor', role: 'administrator' },
  { username: 'l.nguyen', fullName: 'Linh Nguyen', role: 'member' },
  { username: 'r.castillo', fullName: 'Rosa Castillo', role: 'member' },
  { username: 's.patel', fullName: 'Sanjay Patel', role: 'evidence-technician' },
] as const;

const OPERATIONS = ['alpr.holdings', 'alpr.holdings', 'session.signIn', 'user.list', 'training.list', 'session.whoami'] as const;
const PURPOSES = ['Stolen vehicle investigation', 'Hit-and-run follow-up', 'Missing person (AMBER alert)'] as const;
const WORKSTATIONS = ['RECORDS-01', 'RECORDS-02', 'EVIDENCE-LAB'] as const;

export interface SeedSummary {
  entries: number;
  byUsername: Record<string, number>;
  byOperation: Record<string, number>;
  /** time of the first and last seeded entry */
  first: string;
  last: string;
}

/**
 * Write `count` realistic entries straight into the access log of the service's workspace
 * (appendAuditEntry, in one transaction: the real hash chain, so verification passes),
 * one every 20 seconds from `start`. Signs the commander in to open the store, and out
 * again (both logged, as usual). Deterministic: entry i always has the same values.
 */
export function seedAuditLog(service: AppService, count: number, start = '2026-02-01T08:00:00.000Z'): SeedSummary {
  const ws = service.requireWorkspace();
  const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
  const db = ws.database();
  if (!db) throw new Error('the store did not open');
  const byUsername: Record<string, number> = {};
  const byOperation: Record<string, number> = {};
  const t0 = Date.parse(start);
  const entry = (i: number): NewAuditEntry => {
    const who = SEEDED_PEOPLE[i % SEEDED_PEOPLE.length]!;
    const operation = OPERATIONS[(i * 7) % OPERATIONS.length]!;
    const alpr = operation.startsWith('alpr.');
    const denied = i % 97 === 13;
    return {
      at: new Date(t0 + i * 20_000).toISOString(),
      accountId: null,
      username: who.username,
      fullName: who.fullName,
      role: who.role,
      operation,
      objects: alpr ? { input: {}, touched: [{ kind: 'holdings', seeded: i }] } : { input: {} },
      caseNumber: alpr ? `26-${String(i % 5000).padStart(5, '0')}` : null,
      purpose: alpr ? PURPOSES[i % PURPOSES.length]! : null,
      outcome: denied ? 'denied' : 'ok',
      reason: denied ? 'Training is not current: ALPR Operator Training expired on 2026-01-31.' : null,
      workstation: WORKSTATIONS[i % WORKSTATIONS.length]!,
    };
  };
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const e = entry(i);
      appendAuditEntry(db, ws.workspaceId, e);
      byUsername[e.username!] = (byUsername[e.username!] ?? 0) + 1;
      byOperation[e.operation] = (byOperation[e.operation] ?? 0) + 1;
    }
  }).immediate();
  ws.call(token, 'session.signOut', {});
  return { entries: count, byUsername, byOperation, first: entry(0).at, last: entry(count - 1).at };
}
