import { useCallback, useEffect, useState } from 'react';
import { moduleById, type ModuleId } from './modules';

/**
 * Hash routes: `#/<module>`, and a filter for its page after a `?` (`#/alerts?status=unverified`),
 * so the navigation and the home screen's tiles are plain links (keyboard and the back
 * button work) and no server route is needed.
 */
function splitHash(hash: string): { path: string; query: string } {
  const route = hash.replace(/^#\/?/, '');
  const at = route.indexOf('?');
  return at < 0 ? { path: route, query: '' } : { path: route.slice(0, at), query: route.slice(at + 1) };
}

/** The module named in the address's hash, or null. */
function moduleInHash(hash: string = window.location.hash): ModuleId | null {
  return moduleById(splitHash(hash).path)?.id ?? null;
}

/** The link to a module, with its page's filter: `#/people?show=locked-out`. */
export function routeHref(module: ModuleId, query: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/${module}${search ? `?${search}` : ''}`;
}

/**
 * The module shown is the one in the hash. It survives an idle lock; `clear` forgets it at
 * sign-out so the next person starts at their home module.
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

const queryInHash = () => new URLSearchParams(splitHash(window.location.hash).query);

/**
 * The current page's filter from the route (`status=unverified`), and a way to change it that
 * keeps the address in step without adding to the history, so a reload or a copied link
 * shows the same list.
 */
export function useRouteQuery(): [URLSearchParams, (next: Readonly<Record<string, string | undefined>>) => void] {
  const [query, setQuery] = useState(queryInHash);
  useEffect(() => {
    const follow = () => setQuery(queryInHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const change = useCallback((next: Readonly<Record<string, string | undefined>>) => {
    const merged = queryInHash();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) merged.delete(key);
      else merged.set(key, value);
    }
    const { path } = splitHash(window.location.hash);
    const search = merged.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${path}${search ? `?${search}` : ''}`);
    setQuery(merged);
  }, []);
  return [query, change];
}
