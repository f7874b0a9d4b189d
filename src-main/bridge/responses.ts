import type { ServerResponse } from 'node:http';
import { RENDERER_HEADERS } from '../service/renderer-files';

/** What a refused browser is told: where the working link comes from. */
export const USE_THE_LINK =
  'Open Custodian with the link that "custodian serve" printed in its terminal. The link works once, in one browser; ' +
  'to use another browser, stop custodian serve (Ctrl-C) and start it again for a new link.';

export function sendPlain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    ...RENDERER_HEADERS,
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { ...RENDERER_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length) });
  res.end(body);
}

/** A header value must be ASCII: JSON with everything else escaped as \uXXXX. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
