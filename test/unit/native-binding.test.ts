import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASTER_KEY_BYTES, openEncrypted, useNativeBinding } from '../../src-main/core/store/database';
import { removeTempFolders, tempFolder } from '../support/temp';

// The desktop app points the store at a build of the native module made for Electron
// (src-main/electron/native-module.ts). Here the Node build stands in for it: what is
// tested is that the chosen file, and only it, is what gets loaded.

const moduleDir = path.dirname(createRequire(__filename).resolve('better-sqlite3-multiple-ciphers/package.json'));
const nodeBuild = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');

afterEach(() => {
  useNativeBinding(undefined);
  removeTempFolders();
});

describe('the store can be told which compiled module to load', () => {
  it('opens an encrypted database through the given build', () => {
    useNativeBinding(nodeBuild);
    const db = openEncrypted(path.join(tempFolder('binding'), 'store.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
    try {
      expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    } finally {
      db.close();
    }
  });

  it('fails, rather than falling back to another build, when the given file is missing', () => {
    useNativeBinding(path.join(tempFolder('binding'), 'no-such', 'better_sqlite3.node'));
    expect(() =>
      openEncrypted(path.join(tempFolder('binding'), 'store.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true }),
    ).toThrow(/Cannot find module/);
  });
});
