import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor, readRendererFile, RENDERER_HEADERS } from '../service/renderer-files';
import { sendPlain } from './responses';

/** The built renderer's entry page; browser mode will not start without it. */
export function rendererIndex(rendererDir: string): string {
  return path.join(rendererDir, 'index.html');
}

/**
 * Answer GET or HEAD for a file of the built renderer. There is no single-page-app
 * fallback: the app has one page and no routes in its path, so any other path is 404.
 * Browsers ask for /favicon.ico on their own; when the build has none, the answer is
 * 204 No Content, because a 404 would put an error in the page's console.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, rawPath: string): Promise<void> {
  const found = await readRendererFile(rootDir, rawPath);
  if (found.kind === 'refused') return sendPlain(res, 400, 'That path is not allowed.');
  if (found.kind === 'missing') {
    if (rawPath !== '/favicon.ico') return sendPlain(res, 404, 'Not found.');
    res.writeHead(204, RENDERER_HEADERS);
    return void res.end();
  }
  res.writeHead(200, { ...RENDERER_HEADERS, 'Content-Type': contentTypeFor(found.file), 'Content-Length': String(found.body.length) });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}
