import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';

/**
 * The built renderer (out/renderer) as both front doors serve it: the desktop's app://
 * protocol and browser mode's HTTP server. One set of path rules and headers for both.
 */

/** Sent with every file and refusal, in the window and in the browser. */
export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

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
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a renderer file; the unknown is opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rootDir` that a request path (still URL-encoded) names, or null when
 * the path is not acceptable: not starting with "/", encoded separators or NUL (%2f,
 * %5c, %00), a backslash, a "." or ".." segment (plain or encoded as %2e%2e), an empty
 * segment, a colon (drive letters, Windows streams), broken encoding, or anything that
 * would land outside `rootDir`. "/" is index.html.
 */
export function rendererFilePath(rootDir: string, rawPath: string): string | null {
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

export type RendererFile = { kind: 'file'; file: string; body: Buffer } | { kind: 'refused' } | { kind: 'missing' };

/**
 * Read the renderer file a request path names: "refused" for a path the rules above
 * turn away, "missing" for one that names no regular file inside the folder (a link
 * inside the folder must not lead out of it either).
 */
export async function readRendererFile(rootDir: string, rawPath: string): Promise<RendererFile> {
  const file = rendererFilePath(rootDir, rawPath);
  if (file === null) return { kind: 'refused' };
  try {
    const [real, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(rootDir)]);
    if (!real.startsWith(realRoot + path.sep)) return { kind: 'missing' };
    if (!(await fs.promises.stat(real)).isFile()) return { kind: 'missing' };
    return { kind: 'file', file, body: await fs.promises.readFile(real) };
  } catch {
    return { kind: 'missing' };
  }
}
