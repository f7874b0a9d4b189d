/**
 * Run by rekey-crash.test.ts in its own process: sign in, say "rekeying" on stdout, rotate
 * the master key, say "done". The test kills this process at a random moment in between.
 */
import { Workspace } from '../../src-main/core/workspace';

const [dir, username, password] = process.argv.slice(2) as [string, string, string];
const ws = Workspace.open(dir);
const { token } = ws.signIn(username, password);
process.stdout.write('rekeying\n', () => {
  ws.call(token, 'workspace.rekey', {});
  process.stdout.write('done\n');
  ws.close();
});
