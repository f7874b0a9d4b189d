import { readFile, stat } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, resolveAssetPath } from './asset-path.js';
import { CONTENT_SECURITY_POLICY } from '../contract/csp.js';

const APP_SCHEME = 'app';
const APP_HOST = 'custodian';

/** Where the packaged renderer is loaded from. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Must run before the app's 'ready' event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves files from `rootDir` (the built out/renderer folder) on app://custodian/. */
export function serveRendererFrom(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

    const filePath = resolveAssetPath(rootDir, url.pathname);
    if (filePath === null) return plain(404, 'Not found');

    try {
      if (!(await stat(filePath)).isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(filePath));
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(filePath) },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
