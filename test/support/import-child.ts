/**
 * Run by imports-crash.test.ts in its own process: sign in, import one file as a job, and
 * say on stdout how far it got ("progress <rows>" per report, then "done <json summary>").
 * The test kills this process with SIGKILL part-way.
 *
 *   node --import tsx test/support/import-child.ts DIR USERNAME PASSWORD FILE REQUEST_JSON
 */
import { Workspace } from '../../src-main/core/workspace';

const [dir, username, password, file, requestJson] = process.argv.slice(2) as [string, string, string, string, string];
const ws = Workspace.open(dir);
const { token } = ws.signIn(username, password);
const request = JSON.parse(requestJson) as Record<string, unknown>;
process.stdout.write('importing\n');
ws.startJob(token, 'import.run', { source: { path: file }, ...request }, undefined, {
  signal: new AbortController().signal,
  onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
}).then(
  (summary) => {
    process.stdout.write(`done ${JSON.stringify(summary)}\n`, () => {
      ws.close();
      process.exit(0);
    });
  },
  (error: unknown) => {
    process.stdout.write(`failed ${(error as Error).message}\n`, () => process.exit(1));
  },
);
