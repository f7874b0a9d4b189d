/**
 * The import worker is loaded by file, not imported: the desktop bundle must carry it as
 * its own entry (electron.vite.config.ts) beside index.js, where worker-host.ts looks,
 * and the command line's compiled copy beside worker-host.js. Each copy must start and
 * report in the worker's own messages. `npm test` builds both before the tests run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { WorkerData, WorkerMessage } from '../../src-main/core/imports/worker';
import { REPO } from '../support/cli';
import { tempFolder } from '../support/temp';

function runWorker(script: string, nativeBinding?: string): Promise<WorkerMessage> {
  const dir = tempFolder('worker-entry');
  const data: WorkerData = {
    job: {
      database: path.join(dir, 'missing.db'),
      key: crypto.randomBytes(32),
      imagesRoot: dir,
      importId: 1,
      input: { kind: 'file', name: 'x.csv', path: path.join(dir, 'x.csv'), size: 0 },
      format: 'flock-search-audit',
      timezone: 'UTC',
      now: Date.now(),
      batchRows: 10,
    },
    cancel: new SharedArrayBuffer(4),
    nativeBinding,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: data });
    worker.once('message', (m: WorkerMessage) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('the import worker entry', () => {
  it.each([
    ['the desktop bundle', path.join(REPO, 'out', 'main', 'import-worker.js'), path.join(REPO, 'out', 'main', 'index.js')],
    [
      'the command line',
      path.join(REPO, 'dist-node', 'core', 'imports', 'worker.js'),
      path.join(REPO, 'dist-node', 'core', 'imports', 'worker-host.js'),
    ],
  ])('%s carries it beside the code that starts it, and it runs', async (_where, script, host) => {
    expect(fs.existsSync(script), `${script} is missing: run npm run build`).toBe(true);
    expect(path.dirname(script)).toBe(path.dirname(host));
    // No database at that path: the worker starts, tries, and reports the failure in its own words.
    expect(await runWorker(script)).toMatchObject({ type: 'failed', error: { kind: 'failed' } });
  });

  it('opens the store with the SQLCipher addon the app chose (the desktop app’s Electron build), not its own default', async () => {
    const script = path.join(REPO, 'dist-node', 'core', 'imports', 'worker.js');
    const chosen = path.join(tempFolder('no-addon'), 'better_sqlite3.node');
    const message = await runWorker(script, chosen);
    expect(message).toMatchObject({ type: 'failed' });
    expect((message as { error: { message: string } }).error.message).toContain(chosen);
  });
});
