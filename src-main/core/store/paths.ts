import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Custodian';

/**
 * The per-user application-data folder, the same one Electron's app.getPath('userData')
 * gives the desktop app, so the CLI and the window find the same default workspace.
 */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  // An empty variable counts as unset, as Chromium (and so Electron) treats it.
  const fromEnv = (name: string): string | undefined => env[name] || undefined;
  let base: string;
  if (platform === 'win32') base = fromEnv('APPDATA') ?? path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Application Support');
  else base = fromEnv('XDG_CONFIG_HOME') ?? path.join(home, '.config');
  return path.join(base, APP_NAME, 'workspace');
}

/** The files that make a folder a workspace. */
export function workspaceFiles(dir: string) {
  return {
    dir,
    manifest: path.join(dir, 'workspace.json'),
    database: path.join(dir, 'custodian.db'),
    /** the re-encrypted copy a master-key rotation writes before it replaces the database */
    databaseRekeyed: path.join(dir, 'custodian.db.rekeyed'),
    keyring: path.join(dir, 'keyring.json'),
    keyringNext: path.join(dir, 'keyring.next.json'),
    logonState: path.join(dir, 'logon-state.json'),
    images: path.join(dir, 'images'),
    /** files sent for import from a window or browser, sealed until imported (intake/staging.ts) */
    incoming: path.join(dir, 'incoming'),
  };
}
export type WorkspaceFiles = ReturnType<typeof workspaceFiles>;
