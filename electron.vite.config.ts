import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './src-main/contract/csp';

const fromRoot = (relative: string): string => resolve(__dirname, relative);

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * Keeps the CSP <meta> tag in index.html honest.
 * - build: fails if the tag differs from META_CONTENT_SECURITY_POLICY (the header
 *   the app:// protocol handler and the bridge send, less frame-ancestors, which
 *   works only as a header), so the two cannot drift apart.
 * - dev server only: allows inline script/style, which Vite's HMR client and
 *   the React Refresh preamble need. Never applies to a built app.
 */
function contentSecurityPolicyMeta(): Plugin {
  let isDevServer = false;
  return {
    name: 'custodian:csp-meta',
    configResolved(config) {
      isDevServer = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const match = CSP_META.exec(html);
      if (match === null) throw new Error('src-renderer/index.html has no CSP <meta> tag');
      if (match[2] !== META_CONTENT_SECURITY_POLICY) {
        throw new Error('The CSP <meta> tag in src-renderer/index.html differs from src-main/contract/csp.ts');
      }
      if (!isDevServer) return html;
      const devPolicy = META_CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
        "style-src 'self'",
        "style-src 'self' 'unsafe-inline'",
      );
      return html.replace(CSP_META, `$1${devPolicy}$3`);
    },
  };
}

export default defineConfig({
  // Dependencies listed in package.json "dependencies" (including the native
  // better-sqlite3-multiple-ciphers and @node-rs/argon2) are externalized for
  // main and preload by electron-vite's default `build.externalizeDeps: true`.
  main: {
    build: {
      // The import worker is its own entry: a worker thread loads it by file (core/imports/worker-host.ts).
      rolldownOptions: {
        input: { index: fromRoot('src-main/electron/main.ts'), 'import-worker': fromRoot('src-main/core/imports/worker.ts') },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: { input: { index: fromRoot('src-main/electron/preload.ts') } },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    build: {
      rolldownOptions: { input: fromRoot('src-renderer/index.html') },
    },
    plugins: [react(), contentSecurityPolicyMeta()],
  },
});
