import type { JobProgress } from '../contract/transport';
import { invalid } from './errors';
import type { Db } from './store/database';

/**
 * The work of a long operation, in steps: each `yield` reports progress and lets the
 * caller breathe (answer other calls, cancel). Driven to the end at once by `runToEnd`
 * (the CLI's `dispatch`), or step by step by `dispatchJob` (the app's job runner).
 */
export type Steps<T> = Generator<JobProgress, T, void>;

/**
 * Steps that wait between reports (a worker thread doing the work): only the app's job
 * runner and `dispatchJob` drive these; the synchronous `dispatch` refuses them.
 */
export type AsyncSteps<T> = AsyncGenerator<JobProgress, T, void>;

export function isAsyncSteps<T>(steps: Steps<T> | AsyncSteps<T>): steps is AsyncSteps<T> {
  return Symbol.asyncIterator in steps;
}

export function runToEnd<T>(steps: Steps<T> | AsyncSteps<T>): T {
  if (isAsyncSteps(steps)) {
    void steps.return(undefined as T);
    throw invalid('runs-as-job', 'This work runs as a job with progress: start it as a job.');
  }
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A job's last word when its work must become visible in the same transaction as its
 * access-log entry (an import's commit): the gate runs `commit` and writes the entry
 * together, then asks for the output.
 */
export interface CommitWithRecord<T> {
  readonly commitWithRecord: true;
  commit(db: Db): void;
  output(db: Db): T;
  /** called once the commit has been made (true), or could not be (the store closed, the commit failed) */
  settled(committed: boolean): void;
}

export function commitWithRecord<T>(parts: {
  commit(db: Db): void;
  output(db: Db): T;
  settled?(committed: boolean): void;
}): CommitWithRecord<T> {
  return { commitWithRecord: true, commit: parts.commit, output: parts.output, settled: parts.settled ?? (() => {}) };
}

export function isCommitWithRecord(value: unknown): value is CommitWithRecord<unknown> {
  return typeof value === 'object' && value !== null && (value as { commitWithRecord?: unknown }).commitWithRecord === true;
}

/** What a job's steps end with: its output, or a commit the gate makes with the access-log entry. */
export type JobResult<T> = T | CommitWithRecord<T>;
