// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------
// Layering, in two rules; test/unit/layering.test.ts proves both fire.
//
// 1. An allowlist per layer (eslint-plugin-boundaries): each folder names the folders it
//    may import from, and anything else is refused. A new folder under src-main/core is a
//    feature: it may use the shared layers, never another feature; features meet only in
//    the gate's handler table (core/gate/handlers.ts).
// 2. Packages each side may not use (no-restricted-imports): no Electron or React in the
//    plain-Node code, no Node built-ins or Electron in the renderer.
// ---------------------------------------------------------------------------

/** The layers, first match wins: a file belongs to the first pattern it falls under. */
const LAYERS = [
  { type: 'contract', pattern: 'src-main/contract' },
  { type: 'core-migrations', pattern: 'src-main/core/store/migrations' },
  ...['store', 'audit', 'auth', 'settings', 'gate', 'reads', 'intake', 'documents'].map((name) => ({
    type: `core-${name}`,
    pattern: `src-main/core/${name}`,
  })),
  { type: 'core-feature', pattern: 'src-main/core/*', capture: ['feature'] },
  // what is left of core: the files at its top (errors, clock, steps, …, and workspace.ts)
  { type: 'core-base', pattern: 'src-main/core' },
  ...['service', 'bridge', 'cli', 'electron'].map((name) => ({ type: name, pattern: `src-main/${name}` })),
  { type: 'renderer', pattern: 'src-renderer' },
];

/** What the shared layers under the features may use. */
const CORE_FOUNDATION = ['contract', 'core-base', 'core-store', 'core-gate'];
/** What a feature may use: the foundation, the people and the log, the stored reads, the file readers and the documents it makes. */
const FEATURE_MAY_USE = [...CORE_FOUNDATION, 'core-audit', 'core-auth', 'core-settings', 'core-reads', 'core-intake', 'core-documents'];

/** Each layer and the layers it may import from (its own files are always allowed). */
const MAY_IMPORT = {
  contract: [],
  'core-base': ['contract', 'core-store'],
  'core-store': ['core-base', 'core-migrations'],
  'core-migrations': ['core-base', 'core-store', 'core-reads'],
  'core-audit': CORE_FOUNDATION,
  'core-settings': CORE_FOUNDATION,
  'core-auth': [...CORE_FOUNDATION, 'core-audit', 'core-settings'],
  'core-gate': [...CORE_FOUNDATION, 'core-audit', 'core-auth', 'core-settings', 'core-intake'],
  'core-reads': CORE_FOUNDATION,
  'core-intake': CORE_FOUNDATION,
  // the PDF records (certificates, release records, custody sheets): layout only, nothing of the store
  'core-documents': ['core-base'],
  'core-feature': FEATURE_MAY_USE,
  service: ['contract', 'core-base', 'core-store', 'core-gate', 'core-intake', 'core-workspace'],
  bridge: ['contract', 'core-base', 'service'],
  cli: ['contract', 'core-base', 'core-store', 'core-gate', 'core-workspace', 'service', 'bridge'],
  electron: ['contract', 'core-base', 'core-store', 'service'],
  renderer: ['contract'],
};

/** Files that are a layer of their own inside a folder's layer. */
const FILES = [
  { category: 'handler-table', pattern: 'src-main/core/gate/handlers.ts' },
  { category: 'workspace', pattern: 'src-main/core/workspace.ts' },
];
const FILE_MAY_IMPORT = {
  'handler-table': [...FEATURE_MAY_USE, 'core-feature'],
  workspace: [...FEATURE_MAY_USE.filter((layer) => layer !== 'core-reads'), 'core-migrations'],
};

const layering = {
  plugins: { boundaries },
  settings: {
    'import/resolver': {
      typescript: { project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json'], noWarnOnMultipleProjects: true },
    },
    'boundaries/elements': LAYERS,
    'boundaries/files': FILES,
    'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        message:
          'Layering: {{from.element.path}} ({{from.element.type}}) may not import from {{to.element.path}} ({{to.element.type}}). ' +
          'Each layer imports only the layers MAY_IMPORT in eslint.config.mjs lists for it; features never import one another ' +
          'and meet only in the handler table, src-main/core/gate/handlers.ts.',
        checkUnknownLocals: false,
        policies: [
          ...Object.entries(MAY_IMPORT).map(([from, allowed]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: allowed } } } },
          })),
          ...Object.entries(FILE_MAY_IMPORT).map(([from, allowed]) => ({
            from: { file: { categories: from } },
            allow: { to: { element: { types: { anyOf: allowed } } } },
          })),
        ],
      },
    ],
  },
};

const CORE_MESSAGE =
  'src-main/core and src-main/contract are plain Node: no Electron or React. They must run unchanged under ' +
  'the CLI and the tests. Put Electron glue in src-main/electron and call core from there.';

const RENDERER_MESSAGE =
  'src-renderer runs in a sandboxed browser window: no Node built-ins and no electron. Reach the main process ' +
  'through window.custodian, which src-main/electron/preload.ts exposes, and share types through src-main/contract.';

const SERVICE_MESSAGE =
  'src-main/service is Electron-free: the desktop window and browser mode (custodian serve) both use it. No Electron or React.';

const BRIDGE_MESSAGE = 'src-main/bridge is browser mode (custodian serve) and runs under plain Node: no Electron or React.';

/** Every Node built-in, bare and with the node: prefix (fs, fs/promises, path, ...). */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/** No Electron or React packages. */
function plainNodePackages(message) {
  return {
    paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message })),
    patterns: [{ group: ['electron/*', '@electron/*', 'react/*', 'react-dom/*'], message }],
  };
}

const rendererPackages = {
  paths: [...NODE_BUILTINS, 'electron'].map((name) => ({ name, message: RENDERER_MESSAGE })),
  patterns: [{ group: ['node:*', 'electron/*', '@electron/*'], message: RENDERER_MESSAGE }],
};

export default defineConfig([
  globalIgnores(['out/', 'dist-node/', 'coverage/', 'test-results/', '.bench-tmp/', 'release/', 'scratch/']),

  js.configs.recommended,

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
  },

  { files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'], ...layering },

  {
    files: ['src-main/core/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', plainNodePackages(CORE_MESSAGE)] },
  },

  {
    files: ['src-main/service/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', plainNodePackages(SERVICE_MESSAGE)] },
  },

  {
    files: ['src-main/bridge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', plainNodePackages(BRIDGE_MESSAGE)] },
  },

  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererPackages] },
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
