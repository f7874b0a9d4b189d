import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert, AlertListInput } from '../../../src-main/contract/hotlists';
import { useGate } from '../../app/gate';

/** Alerts per `alert.list` call; each call is one access-log entry. */
const PAGE_SIZE = 200;
/** How long the rows in view must stay put before the pages they need are asked for, so scrolling past asks for nothing. */
const SETTLE_MS = 80;

export interface AlertPages {
  /** how many alerts match, as counted by the first page; null until it has come */
  total: number | null;
  /** confidential alerts matching the filters that are not shown (427.4(e)) */
  withheld: number;
  /** the first page is on its way */
  loading: boolean;
  /** the latest refusal or failure, for an ErrorAlert */
  error: unknown;
  /** the alert in a row, or undefined while its page is loading */
  alertAt(index: number): Alert | undefined;
  /** the rows in view, so their pages are fetched */
  show(first: number, last: number): void;
  /** an alert changed here (verified): shown as it now is, in the place it had */
  replace(alert: Alert): void;
  /** read the queue again from the start (a new count) */
  refresh(): void;
}

/**
 * The alert queue as one long list, filtered and sorted by the gate and fetched a page at a
 * time as the person scrolls: 10,000 alerts cost the DOM a few dozen rows and the gate only
 * the pages looked at. The count comes with the first page, and the list keeps that length
 * until it is read again, so rows do not move under the person while they work.
 */
export function useAlertPages(filter: AlertListInput): AlertPages {
  const gate = useGate();
  const key = JSON.stringify(filter);
  const pages = useRef(new Map<number, Alert[]>());
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const wanted = useRef<[number, number]>([0, 0]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [, setRevision] = useState(0);
  const [counts, setCounts] = useState<{ total: number; withheld: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    async (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const mine = generation.current;
      try {
        const result = await gate.call('alert.list', {
          ...(JSON.parse(key) as AlertListInput),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (mine !== generation.current) return;
        if (page === 0) setCounts({ total: result.total, withheld: result.withheldConfidential });
        pages.current.set(page, result.alerts);
        setError(null);
        setRevision((r) => r + 1);
      } catch (problem) {
        if (mine !== generation.current) return;
        asked.current.delete(page);
        setError(problem);
      } finally {
        if (mine === generation.current && page === 0) setLoading(false);
      }
    },
    [gate, key],
  );

  const refresh = useCallback(() => {
    generation.current++;
    pages.current = new Map();
    asked.current = new Set();
    clearTimeout(timer.current);
    setCounts(null);
    setError(null);
    setLoading(true);
    void fetchPage(0);
  }, [fetchPage]);

  useEffect(() => {
    refresh();
    return () => {
      generation.current++;
      clearTimeout(timer.current);
    };
  }, [refresh]);

  const show = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const [from, to] = wanted.current;
        for (let page = Math.floor(from / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) void fetchPage(page);
      }, SETTLE_MS);
    },
    [fetchPage],
  );

  const alertAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const replace = useCallback((alert: Alert) => {
    for (const [page, alerts] of pages.current) {
      const at = alerts.findIndex((a) => a.id === alert.id);
      if (at !== -1) pages.current.set(page, alerts.with(at, alert));
    }
    setRevision((r) => r + 1);
  }, []);

  return { total: counts?.total ?? null, withheld: counts?.withheld ?? 0, loading, error, alertAt, show, replace, refresh };
}
