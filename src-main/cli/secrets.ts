import { read } from 'read';
import { UsageError } from './errors';

/**
 * A password from the named environment variable, or asked for (hidden) on a terminal.
 * The prompt goes to stderr so --json output on stdout stays clean.
 */
export async function readSecret(envName: string, prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `Set ${envName} or run custodian in a terminal to be asked for it (${prompt.replace(/:\s*$/, '').toLowerCase()}).`,
    );
  }
  const ask = (text: string) => read({ prompt: text, silent: true, replace: '*', output: process.stderr });
  const value = await ask(prompt);
  if (options.confirm && (await ask('Type it again: ')) !== value) throw new UsageError('The two entries differ; nothing was changed.');
  return value;
}
