import { useCallback, useEffect, useRef, useState } from 'react';
import { THUMBNAILS_PER_CALL, type SearchHit } from '../../../src-main/contract/search';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';

/** How long the rows in view must stay put before their thumbnails are asked for (scrolling past asks nothing). */
const SETTLE_MS = 120;

export interface Thumbnails {
  /** a read's thumbnail: a data URL, null when it has none, undefined while not loaded */
  get(readId: number): string | null | undefined;
  /** the rows from `first` to `last` (indexes into the hits) are in view */
  show(first: number, last: number): void;
  error: unknown;
}

/**
 * Thumbnails for the rows in view only, asked for with the search's own case and purpose
 * in batches of at most 100 (`search.thumbnails`; each batch is one access-log entry).
 * Images are decrypted in memory by the service and kept here only as long as the results.
 */
export function useThumbnails(hits: readonly SearchHit[], access: AccessReason): Thumbnails {
  const gate = useGate(access);
  const known = useRef(new Map<number, string | null>());
  const asked = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const load = useCallback(
    async (first: number, last: number) => {
      const wanted = hits
        .slice(first, last + 1)
        .filter((hit) => !asked.current.has(hit.id))
        .map((hit) => {
          asked.current.add(hit.id);
          // A read without images has no thumbnail to ask for.
          if (hit.images === 0) known.current.set(hit.id, null);
          return hit;
        })
        .filter((hit) => hit.images > 0)
        .map((hit) => hit.id);
      if (wanted.length === 0) return setVersion((v) => v + 1);
      for (let at = 0; at < wanted.length; at += THUMBNAILS_PER_CALL) {
        const batch = wanted.slice(at, at + THUMBNAILS_PER_CALL);
        try {
          const shown = await gate.call('search.thumbnails', { readIds: batch });
          const byId = new Map(shown.map((t) => [t.readId, t.dataUrl]));
          for (const id of batch) known.current.set(id, byId.get(id) ?? null);
        } catch (problem) {
          // Let the rows be asked for again when they come back into view.
          for (const id of batch) asked.current.delete(id);
          if (alive.current) setError(problem);
          return;
        }
        if (!alive.current) return;
        setError(null);
        setVersion((v) => v + 1);
      }
    },
    [gate, hits],
  );

  const show = useCallback(
    (first: number, last: number) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(first, last), SETTLE_MS);
    },
    [load],
  );

  const get = useCallback((readId: number) => known.current.get(readId), []);
  return { get, show, error };
}
