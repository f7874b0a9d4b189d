import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves the layering rules in eslint.config.mjs actually fire.

const repoRoot = path.resolve(__dirname, '../..');

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: 'eslint.config.mjs' });
});

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

const IMPORT_ELECTRON = "import { app } from 'electron';\nexport const ready = app.isReady();\n";
const IMPORT_NODE_FS = "import fs from 'node:fs';\nexport const exists = fs.existsSync;\n";

describe('layering lint rules', () => {
  it('forbids electron in src-main/core', async () => {
    const errors = await restrictedImportErrors(IMPORT_ELECTRON, 'src-main/core/x.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/plain Node/);
  });

  it('forbids src-main/electron and renderer code in src-main/contract', async () => {
    const code = "export { createMainWindow } from '../electron/window.js';\n" + "export { App } from '../../src-renderer/App';\n";
    expect(await restrictedImportErrors(code, 'src-main/contract/x.ts')).toHaveLength(2);
  });

  it('forbids Node built-ins in src-renderer', async () => {
    const errors = await restrictedImportErrors(IMPORT_NODE_FS, 'src-renderer/x.tsx');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/sandboxed browser window/);
    const bareBuiltin = "import path from 'path';\nexport default path;\n";
    expect(await restrictedImportErrors(bareBuiltin, 'src-renderer/x.tsx')).toHaveLength(1);
  });

  it('forbids electron and src-main/core in src-renderer, but allows src-main/contract', async () => {
    expect(await restrictedImportErrors(IMPORT_ELECTRON, 'src-renderer/x.tsx')).toHaveLength(1);
    const fromCore = "export { openDb } from '../src-main/core/db.js';\n";
    expect(await restrictedImportErrors(fromCore, 'src-renderer/x.tsx')).toHaveLength(1);
    const fromContract = "export type { Request } from '../src-main/contract/ipc.js';\n";
    expect(await restrictedImportErrors(fromContract, 'src-renderer/x.tsx')).toEqual([]);
  });

  it('forbids electron and src-main/electron in src-main/service and src-main/bridge', async () => {
    const fromElectronFolder = "export { CONTENT_SECURITY_POLICY } from '../electron/csp.js';\n";
    for (const [filePath, message] of [
      ['src-main/service/x.ts', /Electron-free/],
      ['src-main/bridge/x.ts', /browser mode/],
    ] as const) {
      const errors = await restrictedImportErrors(IMPORT_ELECTRON, filePath);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(await restrictedImportErrors(fromElectronFolder, filePath)).toHaveLength(1);
      expect(await restrictedImportErrors("export { App } from '../../src-renderer/App';\n", filePath)).toHaveLength(1);
    }
  });

  it('forbids src-main/bridge in src-main/service, but lets the bridge use the service and the contract', async () => {
    const fromBridge = "export { startBridge } from '../bridge/server';\n";
    const errors = await restrictedImportErrors(fromBridge, 'src-main/service/x.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src-main\/bridge/);
    const fromService =
      "export { AppService } from '../service/app-service';\nexport { CONTENT_SECURITY_POLICY } from '../contract/csp';\n";
    expect(await restrictedImportErrors(fromService, 'src-main/bridge/x.ts')).toEqual([]);
    expect(await restrictedImportErrors(IMPORT_NODE_FS, 'src-main/bridge/x.ts')).toEqual([]);
  });

  it('allows electron and Node built-ins in src-main/electron', async () => {
    const filePath = 'src-main/electron/x.ts';
    expect(await restrictedImportErrors(IMPORT_ELECTRON, filePath)).toEqual([]);
    expect(await restrictedImportErrors(IMPORT_NODE_FS, filePath)).toEqual([]);
  });
});
