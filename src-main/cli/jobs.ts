import type { OpInput, OpOutput } from '../contract/operations';
import type { JobOperation, JobProgress } from '../contract/transport';
import type { Sink } from '../core/gate/context';
import type { Workspace } from '../core/workspace';
import { accessReason, withSession, type GlobalOptions } from './session';

/** How a command runs its job: the name its progress is shown under, where a streamed result goes, what Ctrl-C says. */
export interface JobOptions {
  /** shown before each progress line: the file being read or written, or what the job is */
  label: string;
  /** where the result of a streaming operation is written */
  sink?: Sink;
  /** said on standard error when Ctrl-C cancels the job (default "Cancelling…") */
  cancelMessage?: string;
  /** told when Ctrl-C cancels the job, for a command that runs several and should start no more */
  onInterrupt?: () => void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** One progress report as a line: "label: phase — 5,000 of 12,000 entries 41%, 9,800 entries/s, about 1 s left". */
function progressLine(label: string, p: JobProgress): string {
  // A file being read knows how far through it is in bytes before it knows how many rows it holds.
  const fraction = p.bytes?.total ? p.bytes.done / p.bytes.total : p.total ? p.done / p.total : null;
  const percent = fraction === null ? '' : ` ${Math.floor(100 * fraction)}%`;
  const counted = `${count(p.done)}${p.total !== null ? ` of ${count(p.total)}` : ''} ${p.unit}`;
  const rate = p.ratePerSecond ? `, ${count(p.ratePerSecond)} ${p.unit}/s` : '';
  const eta = p.etaSeconds != null ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
  return `${label}: ${p.phase ? `${p.phase} — ` : ''}${counted}${percent}${rate}${eta}`;
}

/** Progress on standard error: one updating line on a terminal, a line per report otherwise. */
function progressPrinter(label: string) {
  const tty = process.stderr.isTTY;
  let lineOpen = false;
  return {
    report(p: JobProgress): void {
      const line = progressLine(label, p);
      process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
      lineOpen = tty;
    },
    /** End the updating line on a terminal, so whatever is written next starts on a line of its own. */
    endLine(): void {
      if (lineOpen) process.stderr.write('\n');
      lineOpen = false;
    },
  };
}

/**
 * Run an operation declared `job` in an open session: progress on standard error, and
 * Ctrl-C cancels the job (the gate records how it ended, and the job undoes what it
 * must) instead of killing the process half-way through a write. A second Ctrl-C, with
 * the handler gone, stops the process at once.
 */
export async function runJob<K extends JobOperation>(
  ws: Workspace,
  token: string,
  options: GlobalOptions,
  operation: K,
  input: OpInput<K>,
  job: JobOptions,
): Promise<OpOutput<K>> {
  const abort = new AbortController();
  const progress = progressPrinter(job.label);
  const onInterrupt = () => {
    progress.endLine();
    process.stderr.write(`${job.cancelMessage ?? 'Cancelling…'}\n`);
    abort.abort();
    job.onInterrupt?.();
  };
  process.once('SIGINT', onInterrupt);
  try {
    return (await ws.startJob(
      token,
      operation,
      input,
      accessReason(options),
      {
        signal: abort.signal,
        onProgress: (p) => {
          // once cancelling, a late report would only bury the message above
          if (!abort.signal.aborted) progress.report(p);
        },
      },
      job.sink,
    )) as OpOutput<K>;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress.endLine();
  }
}

/** One job as --user, in its own session: `runJob` as `callAs` is to `Workspace.call`. */
export function runJobAs<K extends JobOperation>(
  options: GlobalOptions,
  operation: K,
  input: OpInput<K>,
  job: JobOptions,
): Promise<OpOutput<K>> {
  return withSession(options, (ws, token) => runJob(ws, token, options, operation, input, job));
}
