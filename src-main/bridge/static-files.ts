import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { SECURITY_HEADERS, sendPlain } from './responses';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The built renderer's entry page; browser mode will not start without it. */
export function rendererIndex(rendererDir: string): string {
  return path.join(rendererDir, 'index.html');
}

/**
 * The file inside `rootDir` that a request path names, or null when the path is not
 * acceptable: not starting with "/", encoded separators or NUL (%2f, %5c, %00),
 * a backslash, a "." or ".." segment (plain or encoded as %2e%2e), an empty segment,
 * a colon (drive letters, Windows streams), or anything that would land outside
 * `rootDir`. "/" is index.html.
 */
export function staticPathFor(rootDir: string, rawPath: string): string | null {
  if (!rawPath.startsWith('/') || /%(?:2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes(':'))) return null;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) return null;
  return resolved;
}

/**
 * Answer GET or HEAD for a file of the built renderer. There is no single-page-app
 * fallback: the app has one page and no routes in its path, so any other path is 404.
 * Browsers ask for /favicon.ico on their own; when the build has none, the answer is
 * 204 No Content, because a 404 would put an error in the page's console.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, rawPath: string): Promise<void> {
  const file = staticPathFor(rootDir, rawPath);
  if (file === null) return sendPlain(res, 400, 'That path is not allowed.');
  const notFound = () => {
    if (rawPath !== '/favicon.ico') return sendPlain(res, 404, 'Not found.');
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
  };
  let body: Buffer;
  try {
    // A link inside the folder must not lead out of it either.
    const [real, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(rootDir)]);
    if (!real.startsWith(realRoot + path.sep)) return notFound();
    if (!(await fs.promises.stat(real)).isFile()) return notFound();
    body = await fs.promises.readFile(real);
  } catch {
    return notFound();
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
