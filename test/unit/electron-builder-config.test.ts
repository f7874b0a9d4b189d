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
  electronFuses?: Record<string, boolean> | null;
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

/** What electron-builder hands to @electron/fuses for the configured `electronFuses`: fuse index → state. */
async function fuseWire(fuses: Record<string, boolean>): Promise<Record<string, unknown>> {
  const { PlatformPackager } = requireFromRoot('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<Record<string, unknown>> } };
  };
  return PlatformPackager.prototype.generateFuseConfig.call(null, fuses);
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

  it("flips Electron's fuses: no Node mode, no NODE_OPTIONS, no inspector, the app only from its checked asar", async () => {
    const config = await loadConfig();
    const { FuseV1Options } = requireFromRoot('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const wire = await fuseWire(config.electronFuses ?? {});
    const required: Record<string, boolean> = {
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    };
    const fuseNames = Object.keys(FuseV1Options).filter((name) => Number.isNaN(Number(name)));
    // Every fuse this @electron/fuses knows is decided here: a fuse added by a later Electron fails this test until it is.
    expect(fuseNames.sort()).toEqual(Object.keys(required).sort());
    const states = Object.fromEntries(fuseNames.map((name) => [name, wire[String(FuseV1Options[name])]]));
    expect(states).toEqual(required);
    // Flipping a fuse breaks the macOS signature; unsigned (the default here), Apple Silicon would refuse to start the app.
    expect(wire['resetAdHocDarwinSignature']).toBe(true);
  });
});
