import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { Result } from '../../../electron/shared/result';
import { settle } from './safe-call';

export type QueryState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

/**
 * Loads once on mount and again on `reload()`. Data already shown stays on
 * screen while a reload runs, and only the newest answer is applied, so a slow
 * early answer cannot overwrite a fresher one.
 */
export function useApiQuery<T>(query: () => Promise<Result<T>>) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(async (): Promise<void> => {
    const ticket = ++latest.current;
    const result = await settle(query);
    if (ticket !== latest.current) return;
    setState(result.ok ? { status: 'ready', data: result.data } : { status: 'error', error: result.error });
  }, [query]);

  const replace = useCallback((data: T): void => {
    latest.current += 1;
    setState({ status: 'ready', data });
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      latest.current += 1;
    };
  }, [reload]);

  return { state, reload, replace };
}
