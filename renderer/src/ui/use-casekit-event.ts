import { useEffect, useEffectEvent } from 'react';
import type { EventName, EventPayload } from '../../../electron/shared/api-contract';
import { useApi } from '../app/api-context';

/** Subscribes for the component's lifetime; a new listener each render does not resubscribe. */
export function useCasekitEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(event, (payload) => onEvent(payload)), [api, event]);
}
