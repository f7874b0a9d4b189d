import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../src-main/contract/transport';
import type { Client } from '../client/client';

/** How often the app asks where it stands; asking does not count as activity on the server. */
const STATUS_POLL_MS = 5_000;

export interface StatusState {
  status: AppStatus | null;
  /** why the last status request failed (the connection was lost), or null */
  error: unknown;
  /** ask again now (after signing in, unlocking, or a refusal that says the session changed) */
  refresh(): Promise<void>;
}

/**
 * The app's status, asked for at start, every 5 s, and whenever `refresh` is called.
 * Answers that arrive out of order are ignored, so a slow old answer never undoes a new one.
 */
export function useAppStatus(client: Client): StatusState {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const refresh = useCallback(async () => {
    const ticket = ++asked.current;
    try {
      const next = await client.status();
      if (ticket !== asked.current) return;
      setStatus(next);
      setError(null);
    } catch (failure) {
      if (ticket !== asked.current) return;
      setError(failure);
    }
  }, [client]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return { status, error, refresh };
}
