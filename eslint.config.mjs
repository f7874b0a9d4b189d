// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------
// Layering. Enforced with no-restricted-imports; test/unit/layering.test.ts
// proves the rules fire.
// ---------------------------------------------------------------------------

const CORE_MESSAGE =
  'src-main/core and src-main/contract are plain Node: no Electron, React or renderer code, ' +
  'and no imports from src-main/electron or src-main/bridge. They must run unchanged under ' +
  'the CLI and the tests. Put Electron glue in src-main/electron and call core from there.';

const RENDERER_MESSAGE =
  'src-renderer runs in a sandboxed browser window: no Node built-ins, no electron, and no ' +
  'main-process code (only the shared types in src-main/contract). Reach the main process ' +
  'through window.custodian, which src-main/electron/preload.ts exposes.';

const SERVICE_MESSAGE =
  'src-main/service is Electron-free: the desktop window and browser mode (custodian serve) both use it. ' +
  'No Electron, React or renderer code, and no imports from src-main/electron or src-main/bridge ' +
  '(the bridge is one of its front doors, not something it depends on).';

const BRIDGE_MESSAGE =
  'src-main/bridge is browser mode (custodian serve) and runs under plain Node: no Electron, React or ' +
  'renderer code, and no imports from src-main/electron. Shared pieces (such as the CSP) live in src-main/contract.';

/** Every Node built-in, bare and with the node: prefix (fs, fs/promises, path, ...). */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const coreLayering = {
  paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: CORE_MESSAGE })),
  patterns: [
    { group: ['electron/*', '@electron/*', 'react/*', 'react-dom/*'], message: CORE_MESSAGE },
    {
      // Any relative import that passes through a folder named src-renderer,
      // electron or bridge: ../electron/x.js, ../../src-main/bridge/y.js, ...
      regex: String.raw`^\.{1,2}/(?:.*/)?(?:src-renderer|electron|bridge)(?:/|$)`,
      message: CORE_MESSAGE,
    },
  ],
};

/** No Electron or React, and no relative import through any of `folders`. */
function plainNodeLayering(folders, message) {
  return {
    paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message })),
    patterns: [
      { group: ['electron/*', '@electron/*', 'react/*', 'react-dom/*'], message },
      { regex: String.raw`^\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`, message },
    ],
  };
}

const serviceLayering = plainNodeLayering(['src-renderer', 'electron', 'bridge'], SERVICE_MESSAGE);
const bridgeLayering = plainNodeLayering(['src-renderer', 'electron'], BRIDGE_MESSAGE);

const rendererLayering = {
  paths: [...NODE_BUILTINS, 'electron'].map((name) => ({ name, message: RENDERER_MESSAGE })),
  patterns: [
    { group: ['node:*', 'electron/*', '@electron/*'], message: RENDERER_MESSAGE },
    {
      // Anything under src-main except src-main/contract.
      regex: String.raw`(?:^|/)src-main(?:/(?!contract(?:/|$))|$)`,
      message: RENDERER_MESSAGE,
    },
  ],
};

export default defineConfig([
  globalIgnores(['out/', 'dist-node/', 'coverage/', 'test-results/', '.bench-tmp/', 'release/', 'scratch/']),

  js.configs.recommended,

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
  },

  {
    files: ['src-main/core/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreLayering] },
  },

  {
    files: ['src-main/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', serviceLayering] },
  },

  {
    files: ['src-main/bridge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', bridgeLayering] },
  },

  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererLayering] },
  },

  // bin/*.js are plain CommonJS launchers.
  {
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
  },
]);
