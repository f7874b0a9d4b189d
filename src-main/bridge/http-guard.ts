import type { IncomingMessage } from 'node:http';
import { invalid } from '../core/errors';

/**
 * The checks every request to the bridge passes before anything else: it must be
 * addressed to this server by a loopback name (a DNS-rebinding page names its own
 * host), and a request that says where it comes from must come from this server's own
 * page. A WebSocket upgrade must say where it comes from.
 */

/** The names `--host` accepts, and the address each binds. `localhost` binds 127.0.0.1, never a lookup. */
const LOOPBACK_BIND: Readonly<Record<string, string>> = {
  '127.0.0.1': '127.0.0.1',
  localhost: '127.0.0.1',
  '::1': '::1',
  '[::1]': '::1',
};

/** The address to bind for `host`; refused (kind "invalid", CLI exit 2) for anything but loopback. */
export function loopbackAddress(host: string): string {
  const address = LOOPBACK_BIND[host.trim().toLowerCase()];
  if (!address) {
    throw invalid(
      'not-loopback',
      `Browser mode serves this computer only: the host must be 127.0.0.1, ::1 or localhost, not "${host}". ` +
        'Custodian is never offered to the network.',
    );
  }
  return address;
}

/** How a bound address appears in a URL. */
export function urlHost(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * The request's Host header when it names this server exactly (127.0.0.1, localhost
 * or [::1], with this port), lower-cased; undefined otherwise.
 */
export function ownHost(request: IncomingMessage, port: number): string | undefined {
  const host = request.headers.host?.toLowerCase();
  if (host === undefined) return undefined;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}` ? host : undefined;
}

/**
 * Whether the Origin header is acceptable: absent (a navigation, a same-origin GET),
 * unless `required`, or exactly this server's own origin as the page knows it.
 */
export function originAllowed(request: IncomingMessage, host: string, required: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return !required;
  return origin.toLowerCase() === `http://${host}`;
}
