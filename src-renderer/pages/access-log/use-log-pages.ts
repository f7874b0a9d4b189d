import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter, AuditOrder } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';

/** Entries per `audit.query` call (the contract allows up to 1000); each call is itself logged. */
const PAGE_SIZE = 1000;
/** Pages kept in memory; the ones farthest from where the person is looking go first. */
const KEEP_PAGES = 24;
/** Wait this long after scrolling stops before asking for pages not yet loaded, so a fast fling does not read every page it passes. */
const SETTLE_MS = 90;

export interface LogPages {
  /** how many entries match, as of the first page; null until it has come */
  total: number | null;
  /** when `total` was read */
  asOf: Date | null;
  /** the first page is on its way */
  loading: boolean;
  /** the latest refusal or failure, for an ErrorAlert */
  error: unknown;
  /** the entry at a row (0 = the first in the order shown), or undefined while its page is loading */
  entryAt(index: number): AuditEntry | undefined;
  /** the rows on screen, so their pages are fetched */
  show(first: number, last: number): void;
  /** read the log again from the start (a new count) */
  refresh(): void;
}

/** Which entries the list holds, and in which order. */
export type LogQuery = AuditFilter & { order: AuditOrder };

interface PageState {
  generation: number;
  total: number | null;
  /** the newest entry the first page saw: every later page reads the log as it stood then */
  headSeq: number | null;
  pages: Map<number, AuditEntry[]>;
  inFlight: Set<number>;
  wanted: [number, number];
}

/**
 * The access log as a long list fetched a page at a time as the person scrolls. The count
 * is taken once (when the filter is applied or Refresh is pressed) and the list stays at
 * that length: every page after the first asks for the log as it stood at the first
 * (`throughSeq`), so the list holds still, newest first as well as oldest first, while
 * reading it adds entries of its own.
 */
export function useLogPages(query: LogQuery): LogPages {
  const gate = useGate();
  const key = JSON.stringify(query);
  const state = useRef<PageState>({
    generation: 0,
    total: null,
    headSeq: null,
    pages: new Map(),
    inFlight: new Set(),
    wanted: [0, 0],
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [asOf, setAsOf] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    async (page: number) => {
      const s = state.current;
      const generation = s.generation;
      const offset = page * PAGE_SIZE;
      const limit = s.total === null ? PAGE_SIZE : Math.min(PAGE_SIZE, s.total - offset);
      if (limit <= 0 || s.pages.has(page) || s.inFlight.has(page)) return;
      s.inFlight.add(page);
      try {
        const throughSeq = s.headSeq ?? undefined;
        const result = await gate.call('audit.query', { ...(JSON.parse(key) as LogQuery), offset, limit, throughSeq });
        if (generation !== s.generation) return;
        if (s.total === null) {
          s.total = result.total;
          s.headSeq = result.headSeq;
          setTotal(result.total);
          setAsOf(new Date());
          setLoading(false);
        }
        s.pages.set(page, result.entries);
        forgetFarPages(s);
        setError(null);
        setRevision((r) => r + 1);
      } catch (problem) {
        if (generation !== s.generation) return;
        setError(problem);
        setLoading(false);
      } finally {
        if (generation === s.generation) s.inFlight.delete(page);
      }
    },
    [gate, key],
  );

  const start = useCallback(() => {
    const s = state.current;
    s.generation++;
    s.total = null;
    s.headSeq = null;
    s.pages.clear();
    s.inFlight.clear();
    s.wanted = [0, 0];
    clearTimeout(timer.current);
    setTotal(null);
    setAsOf(null);
    setError(null);
    setLoading(true);
    void fetchPage(0);
  }, [fetchPage]);

  useEffect(() => {
    start();
    const s = state.current;
    return () => {
      s.generation++;
      clearTimeout(timer.current);
    };
  }, [start]);

  const show = useCallback(
    (first: number, last: number) => {
      const s = state.current;
      s.wanted = [first, last];
      const missing = pagesOf(first, last).filter((p) => !s.pages.has(p) && !s.inFlight.has(p));
      if (missing.length === 0 || s.total === null) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        for (const page of pagesOf(...s.wanted)) void fetchPage(page);
      }, SETTLE_MS);
    },
    [fetchPage],
  );

  const entryAt = useCallback((index: number) => state.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { total, asOf, loading, error, entryAt, show, refresh: start };
}

function pagesOf(first: number, last: number): number[] {
  const pages: number[] = [];
  for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) pages.push(p);
  return pages;
}

function forgetFarPages(s: PageState): void {
  if (s.pages.size <= KEEP_PAGES) return;
  const centre = (s.wanted[0] + s.wanted[1]) / 2 / PAGE_SIZE;
  const byDistance = [...s.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, s.pages.size - KEEP_PAGES)) s.pages.delete(page);
}
