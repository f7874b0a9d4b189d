import { useMemo } from 'react';
import { operations, type OperationName, type Operations, type OpInput, type OpOutput } from '../../src-main/contract/operations';
import type { AccessReason } from '../../src-main/contract/schemas';
import type { CallOperation, DownloadResult, JobOperation, StreamingOperation } from '../../src-main/contract/transport';
import type { Client, DownloadHandlers, JobHandlers, RunningJob } from '../client/client';
import { jobCancelled } from '../client/gate-error';
import { usePage, useWithAccess } from './access';
import { useClient } from './client-context';

/** Operations that open ALPR data (`data: 'alpr'` in the contract): the gate wants a case number and a purpose with each. */
export type AlprOperation = { [K in OperationName]: Operations[K]['data'] extends 'alpr' ? K : never }[OperationName];

/** What an ALPR operation answered, and under which case and purpose it ran (the screen says so beside it). */
export interface Opened<K extends CallOperation & AlprOperation> {
  result: OpOutput<K>;
  access: AccessReason;
}

/**
 * The operations as a signed-in screen calls them. Which of them open ALPR data is read from
 * the contract: those carry the case and purpose, asked for once when there is none yet and
 * again when the gate refuses the purpose. No screen passes a case and purpose itself.
 */
export interface Gate {
  call<K extends CallOperation>(operation: K, input: OpInput<K>): Promise<OpOutput<K>>;
  /** an ALPR operation, and the case and purpose it was opened under */
  open<K extends CallOperation & AlprOperation>(operation: K, input: OpInput<K>): Promise<Opened<K>>;
  /**
   * A long job. For an ALPR job a refused purpose arrives as the job's failure: the case and
   * purpose are asked for again and the job runs again, under the same `result` and `cancel`.
   */
  startJob<K extends JobOperation>(operation: K, input: OpInput<K>, handlers?: JobHandlers): Promise<RunningJob<K>>;
  /** a streaming operation written into a file or a download (see Client.download) */
  download<K extends StreamingOperation>(
    operation: K,
    input: OpInput<K>,
    suggestedName: string,
    handlers?: DownloadHandlers,
  ): Promise<DownloadResult<K> | null>;
}

/** How an ALPR call gets its case and purpose: `run` is given them, or is never run (the person cancelled). */
type UnderCase = <T>(run: (access: AccessReason) => Promise<T>) => Promise<T>;

/**
 * The gate for this screen, serving the page it is on (the frame's `OnPage`): before that
 * page's first ALPR call under a case given on another page, the person confirms the case
 * with one click or changes it (see `WithAccess`). Given `pinned`, its ALPR operations carry
 * that case and purpose instead of the one in use, and never ask: a search's thumbnails,
 * opened reads and export belong to the search, under the case it ran for. The gate keeps its
 * identity while the case in use changes, so loads that depend on it do not run again by
 * themselves. Only inside the signed-in frame (the AccessProvider); the screens before it use
 * the Client.
 */
export function useGate(pinned?: AccessReason): Gate {
  const client = useClient();
  const withAccess = useWithAccess();
  const page = usePage();
  return useMemo(
    () => createGate(client, pinned ? (run) => run(pinned) : (run) => withAccess(run, page)),
    [client, withAccess, page, pinned],
  );
}

function opensAlpr(operation: OperationName): boolean {
  return operations[operation].data === 'alpr';
}

/**
 * `underCase` is the one place an ALPR operation gets its case and purpose, with the rules
 * about them (asked once, confirmed per page, asked again when the gate refuses the purpose):
 * every screen follows them.
 */
function createGate(client: Client, underCase: UnderCase): Gate {
  const reasoned = <T>(operation: OperationName, run: (access: AccessReason | undefined) => Promise<T>): Promise<T> =>
    opensAlpr(operation) ? underCase(run) : run(undefined);

  return {
    call: (operation, input) => reasoned(operation, (access) => client.call(operation, input, access)),

    open: (operation, input) => underCase(async (access) => ({ result: await client.call(operation, input, access), access })),

    async startJob<K extends JobOperation>(operation: K, input: OpInput<K>, handlers?: JobHandlers): Promise<RunningJob<K>> {
      if (!opensAlpr(operation)) return client.startJob(operation, input, undefined, handlers);
      let current: RunningJob<K> | null = null;
      let cancelled = false;
      const result = underCase(async (access) => {
        if (cancelled) throw jobCancelled();
        current = await client.startJob(operation, input, access, handlers);
        if (cancelled) void current.cancel();
        return current.result;
      });
      return {
        result,
        async cancel() {
          cancelled = true;
          await current?.cancel();
        },
      };
    },

    download: (operation, input, suggestedName, handlers) =>
      reasoned(operation, (access) => client.download(operation, input, access, suggestedName, handlers)),
  };
}
