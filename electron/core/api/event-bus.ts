import type { EventMessage, Unsubscribe } from '../../shared/api-contract';

export type EventListener = (msg: EventMessage) => void;

/**
 * Fans core events out to every window and browser tab. Delivery is
 * synchronous and in subscription order; one failing listener (a closed
 * window, a dropped socket) is logged and skipped, never breaking the others.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit(msg: EventMessage): void {
    // A snapshot: listeners that unsubscribe (or subscribe) while hearing an event do not upset this delivery.
    for (const listener of [...this.listeners]) {
      try {
        listener(msg);
      } catch (err) {
        console.error(`[casekit] an event listener failed on ${msg.event}:`, err);
      }
    }
  }

  subscribe(listener: EventListener): Unsubscribe {
    // Wrapped so that subscribing the same function twice gives two independent subscriptions.
    const entry: EventListener = (msg) => listener(msg);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  get size(): number {
    return this.listeners.size;
  }
}
