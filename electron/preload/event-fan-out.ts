import type { Unsubscribe } from '../shared/api-contract';

/**
 * Many page listeners on one IPC listener: the preload subscribes to the event
 * channel once, however often the page calls `on`, so listeners cannot pile up
 * on ipcRenderer. A listener that throws does not starve the ones after it.
 */
export function createEventFanOut(): {
  emit: (message: unknown) => void;
  subscribe: (listener: (message: unknown) => void) => Unsubscribe;
  size: () => number;
} {
  const listeners = new Set<(message: unknown) => void>();
  return {
    emit(message) {
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (error) {
          console.error('A Casekit event listener threw:', error);
        }
      }
    },
    subscribe(listener) {
      // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
      const entry = (message: unknown): void => listener(message);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    size: () => listeners.size,
  };
}
