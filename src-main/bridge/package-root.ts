import fs from 'node:fs';
import path from 'node:path';

/**
 * The package's own folder. This file runs as src-main/bridge/package-root.ts (tests,
 * through vitest) or as dist-node/bridge/package-root.js (the built `custodian`
 * command); both sit two folders below it.
 */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** Where `electron-vite build` puts the renderer: the files browser mode serves. */
export function defaultRendererDir(): string {
  return path.join(PACKAGE_ROOT, 'out', 'renderer');
}

/** The version in package.json, shown by the app's status. */
export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
