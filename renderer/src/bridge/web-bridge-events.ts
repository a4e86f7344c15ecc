import {
  events,
  HTTP_EVENTS_PATH,
  isEventName,
  type EventName,
  type EventPayload,
  type Unsubscribe,
} from '../../../electron/shared/api-contract';

/** The part of the browser WebSocket this bridge uses; tests pass a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

type Listeners = { [E in EventName]: Set<(payload: EventPayload<E>) => void> };

type EventSocketOptions = {
  WebSocket: SocketConstructor;
  location: Pick<Location, 'protocol' | 'host'>;
  backoff: { initialMs: number; maxMs: number };
  /** How long the socket stays open after the last listener leaves. */
  idleCloseMs: number;
};

export function eventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${HTTP_EVENTS_PATH}`;
}

/**
 * One WebSocket shared by every listener, opened on the first subscription and
 * closed a little after the last one leaves: moving between screens swaps one
 * listener for another, and closing in between would drop events and churn
 * connections. Reconnects with capped exponential backoff.
 */
export function createEventSocket(options: EventSocketOptions): { on: CasekitOn } {
  const listeners: Listeners = {
    jobProgress: new Set(),
    jobChanged: new Set(),
    casesChanged: new Set(),
    serversChanged: new Set(),
    prompt: new Set(),
    promptClosed: new Set(),
    collectionChanged: new Set(),
  };
  let socket: SocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let hasOpened = false;

  const listenerCount = (): number => Object.values(listeners).reduce((sum, set: Set<unknown>) => sum + set.size, 0);

  function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...listeners[name]]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not starve the others of events.
        console.error(`casekit: a listener for ${name} failed`, error);
      }
    }
  }

  function receive<E extends EventName>(name: E, payload: unknown): void {
    const parsed = events[name].safeParse(payload);
    // Sound: parsed with this event's own schema, which EventPayload<E> is derived from.
    if (parsed.success) emit(name, parsed.data as EventPayload<E>);
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event === 'string' && isEventName(event)) receive(event, payload);
  }

  function scheduleReconnect(): void {
    if (retryTimer !== null || listenerCount() === 0) return;
    const delay = Math.min(options.backoff.maxMs, options.backoff.initialMs * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (socket !== null || listenerCount() === 0) return;
    let current: SocketLike;
    try {
      current = new options.WebSocket(eventsUrl(options.location));
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      attempt = 0;
      // Events sent while we were disconnected are lost: tell the screens that
      // anything may have changed so they reload instead of showing stale data.
      if (hasOpened) emit('casesChanged', { caseId: null });
      hasOpened = true;
    };
    current.onmessage = (event) => handleMessage(event.data);
    current.onerror = () => undefined; // a close event always follows
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      scheduleReconnect();
    };
  }

  function disconnect(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    attempt = 0;
    const current = socket;
    socket = null;
    current?.close();
  }

  const on: CasekitOn = (event, listener) => {
    listeners[event].add(listener);
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
    connect();
    return () => {
      listeners[event].delete(listener);
      if (listenerCount() > 0 || idleTimer !== null) return;
      idleTimer = setTimeout(() => {
        idleTimer = null;
        if (listenerCount() === 0) disconnect();
      }, options.idleCloseMs);
    };
  };

  return { on };
}

type CasekitOn = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => Unsubscribe;
