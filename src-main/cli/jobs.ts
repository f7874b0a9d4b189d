import type { OperationName, OpInput, OpOutput } from '../contract/operations';
import type { Sink } from '../core/gate/context';
import type { Workspace } from '../core/workspace';
import { progressPrinter } from './commands/imports';
import { accessReason, type GlobalOptions } from './session';

/**
 * Run an operation declared `job` in an open session, as `custodian import` runs its
 * files: progress on standard error under `label`, and Ctrl-C cancels the job (the gate
 * records how it ended) instead of killing the process half-way through a write.
 */
export async function runJob<K extends OperationName>(
  ws: Workspace,
  token: string,
  options: GlobalOptions,
  operation: K,
  input: OpInput<K>,
  label: string,
  sink?: Sink,
): Promise<OpOutput<K>> {
  const abort = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nCancelling…\n');
    abort.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    const result = (await ws.startJob(
      token,
      operation,
      input,
      accessReason(options),
      { signal: abort.signal, onProgress: progressPrinter(label) },
      sink,
    )) as OpOutput<K>;
    if (process.stderr.isTTY) process.stderr.write('\n');
    return result;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
