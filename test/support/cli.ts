import { spawnSync } from 'node:child_process';
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

/**
 * Run the real `custodian` command (the built bin, as `npx custodian` does) with no
 * terminal attached, so passwords come from the environment only.
 */
export function custodian(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  if (!fs.existsSync(path.join(REPO, 'dist-node', 'cli', 'main.js'))) {
    throw new Error('dist-node is not built: run "npm run build:node" (npm test does it) before the CLI tests');
  }
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CUSTODIAN_PASSWORD: undefined, CUSTODIAN_NEW_PASSWORD: undefined };
  for (const [k, v] of Object.entries(env)) childEnv[k] = v;
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { env: childEnv, input: '', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout) as T,
  };
}
