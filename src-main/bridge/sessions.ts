import crypto from 'node:crypto';

const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest();

/**
 * The secret in the link `custodian serve` prints: 32 random bytes, good for one
 * browser once. Only its hash is kept; it is compared in constant time.
 */
export class OneTimeToken {
  readonly value = crypto.randomBytes(32).toString('base64url');
  private readonly hash = digest(this.value);
  private spent = false;

  /** True once, for the right token; every later call, right or wrong, is false. */
  spend(candidate: string): boolean {
    if (this.spent) return false;
    const right = crypto.timingSafeEqual(digest(candidate), this.hash);
    if (right) this.spent = true;
    return right;
  }
}

/**
 * Browser sessions: the cookie the one-time link sets, random, HttpOnly and
 * SameSite=Strict. Only the cookies' hashes are kept; a session lives as long as the
 * server. The cookie's name carries the port, because browsers keep cookies per host
 * name, not per port: two `custodian serve` on one computer must not overwrite each
 * other's cookie.
 */
export class CookieSessions {
  readonly cookieName: string;
  private readonly sessions = new Set<string>();

  constructor(port: number) {
    this.cookieName = `custodian-session-${port}`;
  }

  /** A new session: its id (for grouping its sockets) and the Set-Cookie header that carries it. */
  issue(): { sessionId: string; setCookie: string } {
    const value = crypto.randomBytes(32).toString('base64url');
    const sessionId = digest(value).toString('hex');
    this.sessions.add(sessionId);
    return { sessionId, setCookie: `${this.cookieName}=${value}; HttpOnly; SameSite=Strict; Path=/` };
  }

  /** The session a request's Cookie header carries, or undefined. */
  find(cookieHeader: string | undefined): string | undefined {
    if (!cookieHeader) return undefined;
    // Another program on this host name may set a cookie of the same name: any valid one counts.
    for (const pair of cookieHeader.split(';')) {
      const at = pair.indexOf('=');
      if (at < 0 || pair.slice(0, at).trim() !== this.cookieName) continue;
      const sessionId = digest(pair.slice(at + 1).trim()).toString('hex');
      if (this.sessions.has(sessionId)) return sessionId;
    }
    return undefined;
  }
}
