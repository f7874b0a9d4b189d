import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { useNativeBinding } from '../core/store/database.js';

/**
 * better-sqlite3-multiple-ciphers is a native module, and a native module must be built
 * for the runtime that loads it. node_modules holds the build for Node (the CLI and the
 * tests use it, so it is never rebuilt for Electron). The window uses a second build, made
 * for Electron by scripts/electron-native.mjs:
 * - in development: out/electron-native/<platform>-<arch>/better_sqlite3.node
 *   (`npm start` and `npm run dev` make it first);
 * - packaged: resources/native/better_sqlite3.node, which electron-builder copies there
 *   after its beforePack hook has made it (electron-builder.yml).
 */
export function electronNativeBindingPath(): string {
  const file = 'better_sqlite3.node';
  return app.isPackaged
    ? path.join(process.resourcesPath, 'native', file)
    : path.join(__dirname, '..', 'electron-native', `${process.platform}-${process.arch}`, file);
}

/** Point the store at the Electron build. Throws a sentence saying what to run when it is missing. */
export function useElectronNativeBinding(): void {
  const file = electronNativeBindingPath();
  if (!fs.existsSync(file)) {
    throw new Error(
      app.isPackaged
        ? `This installation is incomplete: the database module is missing (${file}). Reinstall Custodian.`
        : `The database module has not been built for Electron (${file} is missing). Run "npm run electron:native" (npm start and npm run dev do this first).`,
    );
  }
  useNativeBinding(file);
}
