import type { NewAuditEntry } from './chain';

/** Who an entry is about: a person (with the roles they hold), a name tried at sign-in, or nobody (the program itself). */
export interface EntryActor {
  readonly accountId: number | null;
  readonly username: string | null;
  readonly fullName: string | null;
  readonly roles?: readonly string[];
}

export interface EntryParts {
  at: Date | string;
  actor: EntryActor | null;
  /** the role the work was done under; when not given, the person's first role */
  role?: string | null;
  operation: string;
  outcome: NewAuditEntry['outcome'];
  reason?: string | null;
  objects?: unknown;
  /** the case number and purpose given for ALPR data (427.6(b)); blank counts as none */
  access?: { caseNumber?: string | null; purpose?: string | null };
  workstation: string;
}

/** An access-log entry from who, what and how it ended: the one place the log's fields are put together. */
export function auditEntry(parts: EntryParts): NewAuditEntry {
  const { actor } = parts;
  return {
    at: typeof parts.at === 'string' ? parts.at : parts.at.toISOString(),
    accountId: actor?.accountId ?? null,
    username: actor?.username || null,
    fullName: actor?.fullName ?? null,
    role: parts.role !== undefined ? parts.role : (actor?.roles?.[0] ?? null),
    operation: parts.operation,
    objects: parts.objects ?? {},
    caseNumber: parts.access?.caseNumber?.trim() || null,
    purpose: parts.access?.purpose?.trim() || null,
    outcome: parts.outcome,
    reason: parts.reason ?? null,
    workstation: parts.workstation,
  };
}
