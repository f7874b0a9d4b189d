import { useCallback, useEffect, useState } from 'react';
import { moduleById, type ModuleId } from './modules';

/** The module named in the address's hash (#/search, or #/alerts?status=unverified), or null. */
function moduleInHash(hash: string = window.location.hash): ModuleId | null {
  const id = hash.replace(/^#\/?/, '').split('?')[0]!;
  return moduleById(id)?.id ?? null;
}

/** What the hash carries after its module (#/alerts?status=unverified → status=unverified), for the page to filter by. */
export function routeQuery(hash: string = window.location.hash): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

/**
 * The hash's query ("status=unverified"), following links to the same module: a new object at
 * every navigation, even to the query already shown, since the page may have changed its view
 * since (replaceRouteQuery writes it without a navigation).
 */
export function useRouteQuery(): { query: string } {
  const [query, setQuery] = useState(() => ({ query: routeQuery().toString() }));
  useEffect(() => {
    const follow = () => setQuery({ query: routeQuery().toString() });
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return query;
}

/** Write the page's own query into the address (no new history entry, no hashchange), so a reload or a copied link keeps it. */
export function replaceRouteQuery(query: URLSearchParams): void {
  const base = window.location.hash.split('?')[0]!;
  const text = query.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${base}${text ? `?${text}` : ''}`,
  );
}

/**
 * Hash routing: the module shown is the one in `#/<id>`, so the navigation is plain links
 * (keyboard and the back button work) and no server route is needed. It survives an idle
 * lock; `clear` forgets it at sign-out so the next person starts at their home module.
 */
export function useHashModule(): { current: ModuleId | null; clear(): void } {
  const [current, setCurrent] = useState(() => moduleInHash());
  useEffect(() => {
    const follow = () => setCurrent(moduleInHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const clear = useCallback(() => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setCurrent(null);
  }, []);
  return { current, clear };
}

/** The link to a module, with the filter its page is to show: `#/people?show=locked-out`. */
export function routeHref(module: ModuleId, query: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/${module}${search ? `?${search}` : ''}`;
}
