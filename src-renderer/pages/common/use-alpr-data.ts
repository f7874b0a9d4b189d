import { useRef } from 'react';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { ACCESS_CANCELLED, useAccess } from '../../app/access';
import { GateError } from '../../client/gate-error';
import { useGateData, type GateData } from './use-gate-data';

/**
 * `useGateData` for ALPR data: the call carries the case and purpose in use, asked for
 * once when there is none yet. Changing the case does not reload by itself (the page
 * reloads when it wants to, so one change is one logged read, not two).
 */
export function useAlprData<T>(load: (access: AccessReason) => Promise<T>, deps: readonly unknown[], enabled = true): GateData<T> {
  const { withAccess } = useAccess();
  const latest = useRef(withAccess);
  latest.current = withAccess;
  return useGateData(() => latest.current(load), deps, enabled);
}

/** Whether the person closed the case-and-purpose dialog rather than answering it. */
export function accessWasCancelled(error: unknown): boolean {
  return error instanceof GateError && error.code === ACCESS_CANCELLED;
}
