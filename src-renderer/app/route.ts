import { useCallback, useEffect, useState } from 'react';
import { moduleById, type ModuleId } from './modules';

/** The module named in the address's hash (#/search), or null. */
function moduleInHash(hash: string = window.location.hash): ModuleId | null {
  const id = hash.replace(/^#\/?/, '');
  return moduleById(id)?.id ?? null;
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
