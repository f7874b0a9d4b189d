import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder.yml cannot be tried here (packaging downloads Electron and runs on each
// target OS), but it can be checked against electron-builder's own schema, offline.

const repoRoot = path.resolve(__dirname, '../..');
const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));

interface BuilderConfig {
  publish?: unknown;
  npmRebuild?: boolean;
  asar?: boolean;
  asarUnpack?: string[];
  beforePack?: string;
  extraResources?: { from: string; to: string; filter: string[] }[];
  nsis?: { deleteAppDataOnUninstall?: boolean };
  mac?: { hardenedRuntime?: boolean };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = requireFromRoot('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
  };
  const { DebugLogger } = requireFromRoot('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it("matches electron-builder's schema and keeps the promises the README makes", async () => {
    const config = await loadConfig();
    expect(config.publish).toBeNull();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    // node_modules is never rebuilt in place for Electron; the hook builds a copy and it is shipped
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/electron-builder-before-pack.mjs');
    expect(config.extraResources).toContainEqual({
      from: 'out/electron-native/${platform}-${arch}',
      to: 'native',
      filter: ['better_sqlite3.node'],
    });
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });
});
