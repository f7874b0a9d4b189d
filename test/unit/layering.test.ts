import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves the layering rules in eslint.config.mjs actually fire: the allowlist per layer
// (boundaries/dependencies) and the packages each side may not use (no-restricted-imports).

const repoRoot = path.resolve(__dirname, '../..');

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: 'eslint.config.mjs' });
});

const LAYER_RULES = new Set(['no-restricted-imports', 'boundaries/dependencies']);

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`);
  const broken = result.messages.filter((m) => m.fatal);
  if (broken.length) throw new Error(`ESLint could not read the snippet: ${broken[0]!.message}`);
  return result.messages.filter((m) => LAYER_RULES.has(m.ruleId ?? '') && m.severity === 2).map((m) => m.message);
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
    // (the layering rule classifies what an import resolves to, so the examples name real files)
    const fromCore = "export { failed } from '../src-main/core/errors';\n";
    expect(await restrictedImportErrors(fromCore, 'src-renderer/x.tsx')).toHaveLength(1);
    const fromContract = "export type { Transport } from '../src-main/contract/transport';\n";
    expect(await restrictedImportErrors(fromContract, 'src-renderer/x.tsx')).toEqual([]);
  });

  it('forbids electron and src-main/electron in src-main/service and src-main/bridge', async () => {
    const fromElectronFolder = "export { createMainWindow } from '../electron/window.js';\n";
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

  it('refuses a feature importing another feature, and names the handler table as where they meet', async () => {
    const errors = await restrictedImportErrors("export { importHandlers } from '../imports/handlers';\n", 'src-main/core/hotlists/x.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src-main\/core\/hotlists \(core-feature\) may not import from src-main\/core\/imports/);
    expect(errors[0]).toMatch(/src-main\/core\/gate\/handlers\.ts/);
    // a folder nobody has listed yet is a feature too, under the same rule
    expect(
      await restrictedImportErrors("export { searchHandlers } from '../search/handlers';\n", 'src-main/core/retention/x.ts'),
    ).toHaveLength(1);
  });

  it('lets a feature use the shared layers: reads, intake, the gate, the store, the contract', async () => {
    const code = [
      "export { normalisePlate } from '../reads/plates';",
      "export { resolveInput } from '../intake/input';",
      "export type { OperationContext } from '../gate/context';",
      "export type { Db } from '../store/database';",
      "export { failed } from '../errors';",
      "export type { ImportSummary } from '../../contract/imports';",
      '',
    ].join('\n');
    expect(await restrictedImportErrors(code, 'src-main/core/hotlists/x.ts')).toEqual([]);
  });

  it('keeps the shared layers below the features: reads and intake import no feature', async () => {
    for (const filePath of ['src-main/core/reads/x.ts', 'src-main/core/intake/x.ts']) {
      expect(await restrictedImportErrors("export { importHandlers } from '../imports/handlers';\n", filePath)).toHaveLength(1);
      expect(await restrictedImportErrors("export { matchImportedReads } from '../hotlists/matching';\n", filePath)).toHaveLength(1);
    }
  });

  it('lets features use the documents layer, which imports only the base files and no feature', async () => {
    const fromDocuments = "export { RecordDocument } from '../documents/document';\n";
    expect(await restrictedImportErrors(fromDocuments, 'src-main/core/retention/x.ts')).toEqual([]);
    expect(await restrictedImportErrors(fromDocuments, 'src-main/core/gate/handlers.ts')).toEqual([]);
    const documents = 'src-main/core/documents/x.ts';
    expect(await restrictedImportErrors("export { failed } from '../errors';\n", documents)).toEqual([]);
    for (const from of [
      "export type { Db } from '../store/database';",
      "export { normalisePlate } from '../reads/plates';",
      "export type { OperationContext } from '../gate/context';",
      "export { auditEntry } from '../audit/entry';",
      "export type { ImportSummary } from '../../contract/imports';",
      "export { purgeCertificatePdf } from '../retention/certificate';",
    ]) {
      expect(await restrictedImportErrors(`${from}\n`, documents)).toHaveLength(1);
    }
  });

  it('lets only the handler table import the features, not the rest of the gate', async () => {
    const code = "export { importHandlers } from '../imports/handlers';\n";
    expect(await restrictedImportErrors(code, 'src-main/core/gate/handlers.ts')).toEqual([]);
    expect(await restrictedImportErrors(code, 'src-main/core/gate/dispatcher.ts')).toHaveLength(1);
  });

  it('keeps the contract free of core, and core free of the service, the CLI, the bridge and Electron', async () => {
    expect(await restrictedImportErrors("export { failed } from '../core/errors';\n", 'src-main/contract/x.ts')).toHaveLength(1);
    for (const from of ['../service/app-service', '../cli/output', '../bridge/server', '../electron/window']) {
      expect(await restrictedImportErrors(`export * from '${from.replace('../', '../../')}';\n`, 'src-main/core/gate/x.ts')).toHaveLength(
        1,
      );
    }
  });
});
