import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkspaceDir } from '../../src-main/core/store/paths';
import { desktopWorkspaceDir } from '../../src-main/electron/workspace-dir';

describe('the workspace the desktop app opens', () => {
  it('is the CLI default unless --workspace=DIR is given', () => {
    expect(desktopWorkspaceDir(undefined)).toBe(defaultWorkspaceDir());
    expect(desktopWorkspaceDir('/srv/custodian/ws')).toBe(path.resolve('/srv/custodian/ws'));
    expect(desktopWorkspaceDir('ws', '/home/pat')).toBe(path.resolve('/home/pat', 'ws'));
  });

  it('refuses "--workspace" with no folder (how Chromium reads "--workspace DIR")', () => {
    expect(() => desktopWorkspaceDir('')).toThrow(/--workspace=DIR/);
  });
});

describe("the default folder matches Electron's app.getPath('userData')/workspace", () => {
  const home = os.homedir();

  it('Linux: $XDG_CONFIG_HOME, or ~/.config when it is unset or empty (as Chromium reads it)', () => {
    expect(defaultWorkspaceDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(path.join('/cfg', 'Custodian', 'workspace'));
    expect(defaultWorkspaceDir({}, 'linux')).toBe(path.join(home, '.config', 'Custodian', 'workspace'));
    expect(defaultWorkspaceDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.join(home, '.config', 'Custodian', 'workspace'));
  });

  it('macOS: ~/Library/Application Support', () => {
    expect(defaultWorkspaceDir({}, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', 'Custodian', 'workspace'));
  });

  it('Windows: %APPDATA%', () => {
    expect(defaultWorkspaceDir({ APPDATA: 'C:\\Users\\pat\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\pat\\AppData\\Roaming', 'Custodian', 'workspace'),
    );
    expect(defaultWorkspaceDir({ APPDATA: '' }, 'win32')).toBe(path.join(home, 'AppData', 'Roaming', 'Custodian', 'workspace'));
  });
});
