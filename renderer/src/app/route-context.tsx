import { createContext, useContext, useEffect, type RefObject } from 'react';
import type { HashRoute } from './use-hash-route';

export const RouteContext = createContext<HashRoute>({ route: { name: 'list' }, hash: '', navigated: false });

export function useRoute(): HashRoute {
  return useContext(RouteContext);
}

/**
 * Moves focus to the page's main heading after each navigation, so that a
 * screen reader announces the new page and Tab continues from there.
 */
export function useRouteFocus(ref: RefObject<HTMLElement | null>): void {
  const { hash, navigated } = useRoute();
  useEffect(() => {
    if (navigated) ref.current?.focus();
  }, [hash, navigated, ref]);
}
