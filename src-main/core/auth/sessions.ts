import crypto from 'node:crypto';
import type { Role } from '../../contract/roles';

/** The person behind a call, made by the gate from a valid session. Services take one. */
export interface Actor {
  readonly accountId: number;
  readonly username: string;
  readonly fullName: string;
  readonly roles: readonly Role[];
  readonly confidentialAuthorized: boolean;
}

interface Session {
  actor: Actor;
  lastActivity: number;
  locked: boolean;
}

export type SessionLookup = { state: 'active'; actor: Actor } | { state: 'locked'; actor: Actor } | { state: 'unknown' };

/**
 * Sessions in memory only: a token is a random 256-bit string that dies with the
 * process. A session idle longer than the workspace's idle limit locks; the person
 * unlocks it with their password, and nothing else is lost.
 */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  create(actor: Actor, now: Date): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(token, { actor, lastActivity: now.getTime(), locked: false });
    return token;
  }

  /** Look a session up, locking it if it has been idle too long; an active one is touched. */
  use(token: string, now: Date, idleMinutes: number): SessionLookup {
    const found = this.state(token, now, idleMinutes);
    if (found.state === 'active') this.sessions.get(token)!.lastActivity = now.getTime();
    return found;
  }

  /** Look a session up, locking it if it has been idle too long, without counting as activity. */
  state(token: string, now: Date, idleMinutes: number): SessionLookup {
    const s = this.sessions.get(token);
    if (!s) return { state: 'unknown' };
    if (!s.locked && now.getTime() - s.lastActivity > idleMinutes * 60_000) s.locked = true;
    return s.locked ? { state: 'locked', actor: s.actor } : { state: 'active', actor: s.actor };
  }

  peek(token: string): Actor | undefined {
    return this.sessions.get(token)?.actor;
  }

  unlock(token: string, now: Date): void {
    const s = this.sessions.get(token);
    if (s) {
      s.locked = false;
      s.lastActivity = now.getTime();
    }
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** End every session of one person (their account was disabled). */
  endAllFor(accountId: number): void {
    for (const [token, s] of this.sessions) if (s.actor.accountId === accountId) this.sessions.delete(token);
  }

  clear(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
