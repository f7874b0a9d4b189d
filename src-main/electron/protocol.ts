import { protocol } from 'electron';
import { contentTypeFor, readRendererFile, RENDERER_HEADERS } from '../service/renderer-files.js';

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

    const found = await readRendererFile(rootDir, url.pathname);
    if (found.kind !== 'file') return plain(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(found.body), {
      status: 200,
      headers: { ...RENDERER_HEADERS, 'Content-Type': contentTypeFor(found.file) },
    });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...RENDERER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
