import { useCallback, useEffect, useRef, useState } from 'react';

export interface GateData<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** ask again (after a change); the old data stays on screen until the answer comes */
  reload(): Promise<void>;
}

/**
 * Load something from the gate when the screen opens (and again on `reload`). A refusal
 * or failure is kept in `error` for an ErrorAlert; nothing fails silently. `enabled`
 * false (the person may not read it) makes no call at all.
 */
export function useGateData<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): GateData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    if (!enabled) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await run();
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (problem) {
      if (ticket !== latest.current) return;
      setError(problem);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [run, enabled]);

  useEffect(() => {
    void reload();
    return () => {
      latest.current++;
    };
  }, [reload]);

  return { data, error, loading, reload };
}
