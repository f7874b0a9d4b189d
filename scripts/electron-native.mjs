#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers (the SQLCipher store's native module) for Electron,
// into out/electron-native/<platform>-<arch>/better_sqlite3.node.
//
// node_modules keeps the build `npm install` made for Node: the `custodian` command and the
// tests load that one, so it is never rebuilt in place. Instead the module's sources are
// copied to a staging folder and @electron/rebuild (which comes with electron-builder)
// builds the copy for Electron: a prebuilt binary when one can be downloaded, otherwise
// node-gyp with the Electron headers. The desktop app loads the result
// (src-main/electron/native-module.ts), and electron-builder's beforePack hook
// (scripts/electron-builder-before-pack.mjs) packages it.
//
//   node scripts/electron-native.mjs [--force]
//
// Skips the work when a build for this Electron version, module version, platform and
// architecture is already there. `npm start` and `npm run dev` run it first.

import console from 'node:console';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

const MODULE = 'better-sqlite3-multiple-ciphers';
const NATIVE_FILE = 'better_sqlite3.node';

/** Where the Electron build for `platform`-`arch` goes (and where the app and electron-builder look). */
export function electronNativeDir(platform = process.platform, arch = process.arch) {
  return path.join(ROOT, 'out', 'electron-native', `${platform}-${arch}`);
}

/**
 * Build the module for Electron unless an up-to-date build is there. Returns the path of
 * the .node file. Throws an Error whose message starts "could not build the native module
 * for Electron:" and says why.
 */
export async function buildElectronNative({ platform = process.platform, arch = process.arch, electronVersion, force = false } = {}) {
  const fail = (reason) => new Error(`could not build the native module for Electron: ${reason}`);
  if (platform !== process.platform) {
    throw fail(
      `native modules cannot be cross-compiled; build for ${platform} on a ${platform} computer (this one is ${process.platform}).`,
    );
  }
  electronVersion ??= requireFromRoot('electron/package.json').version;
  const moduleDir = path.dirname(requireFromRoot.resolve(`${MODULE}/package.json`));
  const moduleVersion = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;

  const outDir = electronNativeDir(platform, arch);
  const target = path.join(outDir, NATIVE_FILE);
  const stampFile = path.join(outDir, 'build.json');
  const stamp = { module: MODULE, moduleVersion, electronVersion, platform, arch };
  if (!force && fs.existsSync(target) && readStamp(stampFile) === JSON.stringify(stamp)) {
    console.log(
      `${MODULE} ${moduleVersion} is already built for Electron ${electronVersion} (${platform}-${arch}): ${path.relative(ROOT, target)}`,
    );
    return target;
  }

  // A copy of the module's sources (not its Node build) in a folder of its own: @electron/rebuild
  // builds in place, and the place must not be node_modules.
  const stage = path.join(ROOT, 'out', 'electron-native', `.stage-${platform}-${arch}`);
  const stagedModule = path.join(stage, 'node_modules', MODULE);
  fs.rmSync(stage, { recursive: true, force: true });
  const skip = new Set(['build', 'node_modules', 'prebuilds', 'bin'].map((name) => path.join(moduleDir, name)));
  fs.cpSync(moduleDir, stagedModule, { recursive: true, filter: (source) => !skip.has(source) });
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'custodian-electron-native', private: true, dependencies: { [MODULE]: moduleVersion } }, null, 2),
  );

  try {
    console.log(`Building ${MODULE} ${moduleVersion} for Electron ${electronVersion} (${platform}-${arch}); this can take a few minutes…`);
    let rebuild;
    try {
      ({ rebuild } = await import(pathToFileURL(resolveElectronRebuild()).href));
    } catch (error) {
      throw fail(`@electron/rebuild (installed with electron-builder) was not found (${error.message}). Run "npm install".`);
    }
    try {
      await rebuild({
        buildPath: stage,
        // Stop the search for modules at the staging folder, so the project's own
        // node_modules (the Node build) is never touched.
        projectRootPath: stage,
        electronVersion,
        platform,
        arch,
        onlyModules: [MODULE],
        force: true,
        mode: 'sequential',
      });
    } catch (error) {
      throw fail(
        `${error.message}\n` +
          'It needs either a prebuilt binary (downloaded from GitHub) or the Electron headers (downloaded from ' +
          'https://www.electronjs.org/headers) and a C++ toolchain (Python and a compiler; on Windows, Visual Studio ' +
          'Build Tools). The custodian command line and the tests do not need it.',
      );
    }

    const built = path.join(stagedModule, 'build', 'Release', NATIVE_FILE);
    if (!fs.existsSync(built)) throw fail(`the build finished but left no ${NATIVE_FILE} in ${path.dirname(built)}.`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(built, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    fs.writeFileSync(stampFile, JSON.stringify(stamp));
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  console.log(`Built ${path.relative(ROOT, target)}`);
  return target;
}

/** @electron/rebuild comes with electron-builder (app-builder-lib depends on it); npm normally hoists it. */
function resolveElectronRebuild() {
  try {
    return requireFromRoot.resolve('@electron/rebuild');
  } catch {
    return createRequire(requireFromRoot.resolve('app-builder-lib/package.json')).resolve('@electron/rebuild');
  }
}

function readStamp(file) {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const force = process.argv.includes('--force');
  buildElectronNative({ force }).catch((error) => {
    console.error(`\n${error.message}\n`);
    process.exitCode = 1;
  });
}
