import { CALL_NAMES, ipcCallChannel, isEventName } from '../shared/api-contract';
import type { CallName, CasekitApi, EventName, EventPayload, Unsubscribe } from '../shared/api-contract';
import type { Result } from '../shared/result';
import { fail } from '../shared/result';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
export type Subscribe = (listener: (message: unknown) => void) => Unsubscribe;

/**
 * The `window.casekit` object: one method per call in the contract, each sent
 * on its own channel, plus `on` for events. Built from the contract, so there
 * is nothing to keep in step by hand, and from two plain functions, so it is
 * tested without Electron. Nothing of ipcRenderer reaches the page.
 */
export function buildPreloadApi(invoke: Invoke, subscribe: Subscribe): CasekitApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) api[name] = callMethod(name, invoke);
  api.on = onMethod(subscribe);
  return Object.freeze(api) as CasekitApi;
}

function callMethod<K extends CallName>(name: K, invoke: Invoke): CasekitApi[K] {
  const channel = ipcCallChannel(name);
  const method = async (input: unknown): Promise<Result<unknown>> => {
    let result: unknown;
    try {
      result = await invoke(channel, input);
    } catch {
      // No handler yet (the core is still starting, or failed to) or the main
      // process is going away: a Result, as the contract promises, not a throw.
      return fail('BRIDGE_UNAVAILABLE', `Casekit could not reach its back end for '${name}'.`);
    }
    return isResult(result) ? result : fail('INTERNAL', `The back end answered '${name}' with something unexpected.`);
  };
  // The main process answers with the contract's Result for this call; IPC cannot carry the type.
  return method as CasekitApi[K];
}

function onMethod(subscribe: Subscribe): CasekitApi['on'] {
  return <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe => {
    // The page is not type-checked at runtime: refuse what the contract does not declare.
    if (typeof event !== 'string' || !isEventName(event))
      throw new TypeError(`Unknown Casekit event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('A Casekit event listener must be a function.');
    let active = true;
    const unsubscribe = subscribe((message) => {
      if (active && isMessageFor(message, event)) listener(message.payload as EventPayload<E>);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  };
}

/** `event` was checked against the contract when the listener was added, so equality suffices here. */
function isMessageFor(message: unknown, event: EventName): message is { event: EventName; payload: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    'event' in message &&
    'payload' in message &&
    message.event === event
  );
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'data' in value : value.ok === false && 'error' in value;
}
