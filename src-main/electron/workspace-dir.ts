import path from 'node:path';
import { defaultWorkspaceDir } from '../core/store/paths.js';

/**
 * The workspace the window opens: the `--workspace=DIR` switch when given (`switchValue`,
 * undefined when absent), else the default the CLI uses too. No Electron import, so it
 * can be unit-tested under plain Node.
 */
export function desktopWorkspaceDir(switchValue: string | undefined, cwd: string = process.cwd()): string {
  if (switchValue === undefined) return defaultWorkspaceDir();
  // Chromium reads "--workspace DIR" as an empty switch followed by an argument.
  if (switchValue.trim() === '') throw new Error('--workspace needs a folder; write it as --workspace=DIR (with "=").');
  return path.resolve(cwd, switchValue);
}
