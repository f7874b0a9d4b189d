import { operations, type OperationName } from '../../contract/operations';
import type { JobControl } from './dispatcher';

/** Work Custodian runs on its own runs at least this often while the store is open. */
export const SCHEDULE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the schedule looks whether its work is due (it is cheap: a clock comparison). */
export const SCHEDULE_CHECK_MS = 60 * 1000;

/** The operations the contract marks `runsOnSchedule`, in its order: today, the purge. */
export const SCHEDULED_OPERATIONS = (Object.keys(operations) as OperationName[]).filter(
  (name) => (operations[name] as { runsOnSchedule?: true }).runsOnSchedule === true,
);

/** What the schedule needs of the workspace it works on. */
export interface ScheduleHost {
  /** whether the store is open (someone's sign-in opened it; it closes after the last sign-out) */
  isOpen(): boolean;
  now(): Date;
  /** a job Custodian runs on its own, through the gate (`dispatchProgramJob`), which logs how it ended */
  startProgramJob(operation: OperationName, input: unknown, control: JobControl): Promise<unknown>;
}

/**
 * The work Custodian does on its own while the app runs (the contract's `runsOnSchedule`: the
 * purge Policy 427.5 requires): as soon as the store first opens (at start-up, once someone
 * signs in: the encrypted store cannot open before), then each day it stays open, one
 * operation after another. Each goes through the gate, logged as Custodian's own work; a run
 * cut short (the app closed, or killed) is the feature's to take up next time (the purge
 * finishes its plan). Commands and pages run the same operations on demand.
 */
export class ProgramSchedule {
  private lastStarted: number | undefined;
  private running: { abort: AbortController; ended: Promise<void> } | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly host: ScheduleHost,
    checkEveryMs = SCHEDULE_CHECK_MS,
  ) {
    this.timer = setInterval(() => this.startIfDue(), checkEveryMs);
    // the schedule never keeps the process alive
    this.timer.unref();
  }

  /** Start the scheduled work if it is due: not yet since the app started, or a day since it last started. */
  startIfDue(): void {
    if (this.running || !this.host.isOpen()) return;
    const now = this.host.now().getTime();
    if (this.lastStarted !== undefined && now - this.lastStarted < SCHEDULE_INTERVAL_MS) return;
    this.lastStarted = now;
    const abort = new AbortController();
    const ended = this.runEach(abort.signal).finally(() => (this.running = undefined));
    this.running = { abort, ended };
  }

  private async runEach(signal: AbortSignal): Promise<void> {
    for (const operation of SCHEDULED_OPERATIONS) {
      if (signal.aborted || !this.host.isOpen()) return;
      // the gate has logged how it ended, refusals and failures included; the next day tries again
      await this.host.startProgramJob(operation, {}, { signal, onProgress: () => undefined }).catch(() => undefined);
    }
  }

  /** Stop looking, and cancel running work at its next step. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.running?.abort.abort();
    await this.running?.ended;
  }
}
