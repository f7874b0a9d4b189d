import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempFolders, tempFolder } from '../support/temp';

// Starts the built desktop app (out/main/index.js) in a real Electron, on a new empty
// workspace, and looks at what the window shows and exposes. Needs the Electron binary,
// which `npm install` skips with ELECTRON_SKIP_BINARY_DOWNLOAD=1: then it is skipped.

const repoRoot = path.resolve(__dirname, '../..');
const mainEntry = path.join(repoRoot, 'out', 'main', 'index.js');

/**
 * The Electron executable, or null when none is installed. This is what require('electron')
 * returns, found the same way (node_modules/electron/path.txt), but without its fallback of
 * downloading the binary there and then.
 */
function installedElectron(): string | null {
  try {
    const packageDir = path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('electron/package.json'));
    const relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8');
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const electronBinary = installedElectron();
if (electronBinary === null) {
  console.log('Electron smoke test not run: no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD)');
}

describe.skipIf(electronBinary === null)('the desktop app starts', () => {
  let app: ElectronApplication | undefined;
  let workspace: string;

  beforeAll(async () => {
    if (!fs.existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run "npm run build" first`);
    // The store's native module built for Electron (skipped when it is already there).
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'electron-native.mjs')], { cwd: repoRoot, stdio: 'inherit' });

    workspace = path.join(tempFolder('e2e'), 'workspace');
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && name !== 'ELECTRON_RENDERER_URL' && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
    }
    // Electron's own data folder (and its single-instance lock) away from the real one.
    env['XDG_CONFIG_HOME'] = tempFolder('e2e-config');
    app = await _electron.launch({
      executablePath: electronBinary as string,
      // Chromium refuses to run as root with its sandbox on (some CI containers); nowhere else is it switched off.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainEntry, `--workspace=${workspace}`],
      cwd: repoRoot,
      env,
      timeout: 60_000,
    });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    removeTempFolders();
  });

  it('shows the first-run screen for a new workspace', async () => {
    const page = await app!.firstWindow();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.first().waitFor({ timeout: 30_000 });
    expect(await heading.first().textContent()).toMatch(/Set up Custodian|Sign in/);
  });

  it('exposes exactly the four-member bridge, and no Electron or Node objects', async () => {
    const page = await app!.firstWindow();
    // Runs in the page, where globalThis is the window (the test's own types have no DOM).
    const seen = await page.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown>;
      const bridge = page['custodian'] as Record<string, unknown> | undefined;
      return {
        keys: bridge ? Object.keys(bridge).sort() : null,
        types: bridge ? Object.fromEntries(Object.entries(bridge).map(([key, value]) => [key, typeof value])) : null,
        bridgeHasIpcRenderer: bridge ? 'ipcRenderer' in bridge : null,
        windowHasIpcRenderer: 'ipcRenderer' in page,
        hasRequire: typeof page['require'] !== 'undefined',
        hasProcess: typeof page['process'] !== 'undefined',
      };
    });
    expect(seen).toEqual({
      keys: ['onEvent', 'request', 'save', 'uploadSlice', 'version'],
      types: { onEvent: 'function', request: 'function', save: 'function', version: 'string' },
      bridgeHasIpcRenderer: false,
      windowHasIpcRenderer: false,
      hasRequire: false,
      hasProcess: false,
    });
  });

  it('answers a request through IPC for the workspace given with --workspace', async () => {
    const page = await app!.firstWindow();
    const reply = await page.evaluate(() =>
      (globalThis as unknown as { custodian: CustodianDesktopBridgeLike }).custodian.request({ id: 7, method: 'app.status', params: {} }),
    );
    expect(reply).toMatchObject({
      id: 7,
      ok: true,
      result: { mode: 'desktop', workspace: { dir: workspace, exists: false }, session: { state: 'signed-out' } },
    });
  });
});

interface CustodianDesktopBridgeLike {
  request(message: unknown): Promise<unknown>;
}
