import type { JobProgress } from '../contract/transport';

/**
 * The work of a long operation, in steps: each `yield` reports progress and lets the
 * caller breathe (answer other calls, cancel). Driven to the end at once by `runToEnd`
 * (the CLI's `dispatch`), or step by step by `dispatchJob` (the app's job runner).
 */
export type Steps<T> = Generator<JobProgress, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
