import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { REPO } from './cli';

// `custodian serve` as its own process, as a person runs it.

export const BIN = path.join(REPO, 'bin', 'custodian.js');
export const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

export interface Served {
  child: ChildProcess;
  url: URL;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Start `custodian serve` and wait for the link on standard output. */
export async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  for (const built of [path.join(REPO, 'dist-node', 'cli', 'main.js'), path.join(REPO, 'out', 'renderer', 'index.html')]) {
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: run "npm run build" (npm test does it) before this test`);
  }
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const found = /http:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(stdout);
      if (found) resolve(new URL(found[0]));
    });
    void exited.then((code) => reject(new Error(`custodian serve exited with ${code} before printing a link:\n${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr, exited };
}
