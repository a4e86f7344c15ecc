import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { settle } from '../ui/safe-call';
import type { CollectRequest, CollectionPlan } from './collect-types';

export type PlanState =
  | { status: 'none' }
  | { status: 'planning' }
  | { status: 'ready'; plan: CollectionPlan; request: CollectRequest }
  | { status: 'failed'; error: ApiError };

const NONE: PlanState = { status: 'none' };

/**
 * The size plan: asks every chosen server what it has (connecting, with the
 * prompts that may take). Only the newest request's answer is kept, and
 * `reset` drops a plan the choices no longer match.
 */
export function usePlan() {
  const api = useApi();
  const [state, setState] = useState<PlanState>(NONE);
  const ticket = useRef(0);

  const plan = useCallback(
    async (request: CollectRequest): Promise<boolean> => {
      const mine = ++ticket.current;
      setState({ status: 'planning' });
      const result = await settle(() => api.planCollection(request));
      if (mine !== ticket.current) return false;
      setState(result.ok ? { status: 'ready', plan: result.data, request } : { status: 'failed', error: result.error });
      return result.ok;
    },
    [api],
  );

  const reset = useCallback((): void => {
    ticket.current += 1;
    setState(NONE);
  }, []);

  return { state, plan, reset };
}
