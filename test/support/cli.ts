import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'custodian.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

function requireBuilt(): void {
  if (!fs.existsSync(path.join(REPO, 'dist-node', 'cli', 'main.js'))) {
    throw new Error('dist-node is not built: run "npm run build:node" (npm test does it) before the CLI tests');
  }
}

/** This process's environment without the passwords, with `env` on top (undefined removes a variable). */
function childEnvironment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CUSTODIAN_PASSWORD: undefined, CUSTODIAN_NEW_PASSWORD: undefined };
  for (const [k, v] of Object.entries(env)) childEnv[k] = v;
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  return childEnv;
}

/**
 * Run the real `custodian` command (the built bin, as `npx custodian` does) with no
 * terminal attached, so passwords come from the environment only.
 */
export function custodian(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  requireBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: childEnvironment(env),
    input: '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout) as T,
  };
}

/**
 * Start `custodian` as `custodian()` runs it, but without waiting: for a test that acts
 * while the command runs (Ctrl-C is `child.kill('SIGINT')`). The caller reads its output
 * and waits for its exit.
 */
export function startCustodian(args: string[], env: Record<string, string | undefined> = {}): ChildProcessWithoutNullStreams {
  requireBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnvironment(env) });
  child.stdin.end();
  return child;
}
