import { useRef, useState } from 'react';
import type { SearchQueryInput, SearchResult } from '../../../src-main/contract/search';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { accessWasCancelled } from '../../app/access';
import { useGate } from '../../app/gate';

/** One search and what came of it. Its case and purpose serve its thumbnails, opened reads and export too. */
export interface SearchRun {
  /** counts searches, so a new result set starts a new table (scroll, selection, thumbnails) */
  id: number;
  query: SearchQueryInput;
  result: SearchResult;
  access: AccessReason;
}

export interface Search {
  run: SearchRun | null;
  busy: boolean;
  error: unknown;
  search(query: SearchQueryInput): Promise<void>;
}

/**
 * `search.plates` with the case and purpose in use (asked for when there is none). A purpose
 * the gate refuses as stating nothing is asked for again in the dialog, with the gate's
 * sentence; if the person then closes the dialog, that refusal stays on the page.
 */
export function useSearch(): Search {
  const gate = useGate();
  const [run, setRun] = useState<SearchRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const count = useRef(0);

  const search = async (query: SearchQueryInput) => {
    setBusy(true);
    setError(null);
    try {
      const { result, access } = await gate.open('search.plates', query);
      setRun({ id: ++count.current, query, result, access });
    } catch (problem) {
      if (!accessWasCancelled(problem)) setError(problem);
      else if (problem.refusal) setError(problem.refusal);
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error, search };
}
