/**
 * Just enough of Node's EventEmitter for the Electron fakes, written out so that
 * tests can read back which listeners were installed for which event.
 */
export type StoredListener = (...args: never[]) => unknown;
type Callable = (...args: unknown[]) => unknown;

export class FakeEmitter {
  private listeners = new Map<string, StoredListener[]>();

  on(event: string, listener: StoredListener): this {
    this.listeners.set(event, [...this.listenersOf(event), listener]);
    return this;
  }
  addListener(event: string, listener: StoredListener): this {
    return this.on(event, listener);
  }
  once(event: string, listener: StoredListener): this {
    const wrapper = (...args: unknown[]): unknown => {
      this.off(event, wrapper);
      return (listener as Callable)(...args);
    };
    return this.on(event, wrapper);
  }
  off(event: string, listener: StoredListener): this {
    this.listeners.set(
      event,
      this.listenersOf(event).filter((l) => l !== listener),
    );
    return this;
  }
  removeListener(event: string, listener: StoredListener): this {
    return this.off(event, listener);
  }
  removeAllListeners(event?: string): this {
    if (event === undefined) this.listeners = new Map();
    else this.listeners.delete(event);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const current = this.listenersOf(event);
    for (const listener of current) (listener as Callable)(...args);
    return current.length > 0;
  }
  listenerCount(event: string): number {
    return this.listenersOf(event).length;
  }
  listenersOf(event: string): StoredListener[] {
    return this.listeners.get(event) ?? [];
  }
}

export type PreventableEvent<T extends object = object> = T & {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
};

/** An Electron `Event<Params>`: the params plus preventDefault, recording whether it was called. */
export function preventableEvent<T extends object>(params: T): PreventableEvent<T> {
  let prevented = false;
  // defineProperty rather than a spread: a spread would freeze the getter's first value.
  return Object.defineProperties(
    { ...params },
    {
      preventDefault: { value: (): void => void (prevented = true) },
      defaultPrevented: { get: (): boolean => prevented },
    },
  ) as PreventableEvent<T>;
}
