import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './routes';

export type HashRoute = {
  route: Route;
  hash: string;
  /** False until the first navigation: the initial page load must not steal focus. */
  navigated: boolean;
};

export function useHashRoute(): HashRoute {
  const [state, setState] = useState<HashRoute>(() => ({
    route: parseRoute(window.location.hash),
    hash: window.location.hash,
    navigated: false,
  }));

  useEffect(() => {
    const onChange = (): void => {
      const hash = window.location.hash;
      setState({ route: parseRoute(hash), hash, navigated: true });
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  return state;
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}
