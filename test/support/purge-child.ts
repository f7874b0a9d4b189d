/**
 * Run by purge-crash.test.ts in its own process: sign in, run the purge as a job (as of
 * AS_OF, a drill), and say on stdout how far it got ("progress <reads done> <phase>" per
 * report, then "done <json run>"). The test kills this process with SIGKILL part-way; given
 * KILL_AT_PHASE, the process kills itself (SIGKILL) at the first report whose phase starts
 * with it, so that point is hit exactly, between two of the purge's transactions.
 *
 *   node --import tsx test/support/purge-child.ts DIR USERNAME PASSWORD AS_OF CLOCK [KILL_AT_PHASE]
 *
 * CLOCK is the workspace's "now" (ISO), fixed: the test's workspaces live on a test clock.
 */
import { Workspace } from '../../src-main/core/workspace';

const [dir, username, password, asOf, clock, killAtPhase] = process.argv.slice(2) as [string, string, string, string, string, string?];
const ws = Workspace.open(dir, { clock: { now: () => new Date(clock) }, workstation: 'PURGE-CHILD' });
const { token } = ws.signIn(username, password);
process.stdout.write('purging\n');
ws.startJob(token, 'purge.run', { asOf }, undefined, {
  signal: new AbortController().signal,
  onProgress: (p) => {
    process.stdout.write(`progress ${p.done} ${p.phase}\n`);
    if (killAtPhase !== undefined && p.phase?.startsWith(killAtPhase)) process.kill(process.pid, 'SIGKILL');
  },
}).then(
  (run) => {
    process.stdout.write(`done ${JSON.stringify(run)}\n`, () => {
      ws.close();
      process.exit(0);
    });
  },
  (error: unknown) => {
    process.stdout.write(`failed ${(error as Error).message}\n`, () => process.exit(1));
  },
);
