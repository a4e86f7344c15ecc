import {
  CALL_NAMES,
  httpCallPath,
  type CallInput,
  type CallName,
  type CallOutput,
  type CasekitApi,
} from '../../../electron/shared/api-contract';
import { fail, type Result } from '../../../electron/shared/result';
import { createEventSocket, type SocketConstructor } from './web-bridge-events';
import { toResult } from './web-result';

export type WebBridgeOptions = {
  fetch?: typeof fetch;
  WebSocket?: SocketConstructor;
  location?: Pick<Location, 'protocol' | 'host'>;
  /** Reconnect delays for the event socket, in milliseconds. */
  backoff?: { initialMs: number; maxMs: number };
  /** How long the event socket stays open with no listener, in milliseconds. */
  idleCloseMs?: number;
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `CasekitApi` over the HTTP + WebSocket routes of `casekit serve`. */
export function createWebBridge(options: WebBridgeOptions = {}): CasekitApi {
  // Bound so that the browser's fetch is not called with a foreign `this`.
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const location = options.location ?? window.location;
  const socket = createEventSocket({
    WebSocket: options.WebSocket ?? globalThis.WebSocket,
    location,
    backoff: options.backoff ?? { initialMs: 500, maxMs: 15_000 },
    idleCloseMs: options.idleCloseMs ?? 5_000,
  });

  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> {
    let response: Response;
    try {
      response = await fetchFn(httpCallPath(name), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      return fail('BRIDGE_UNAVAILABLE', `Could not reach the Casekit server: ${describe(error)}`, true);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A proxy or an old server may refuse a session with a bare 401/403 page.
      if (response.status === 401 || response.status === 403) return toResult(name, response.status, null);
      return fail(
        'BRIDGE_UNAVAILABLE',
        `The Casekit server answered ${name} with something that is not JSON (HTTP ${response.status}).`,
        true,
      );
    }
    return toResult(name, response.status, body);
  }

  const api: Record<string, unknown> = { on: socket.on };
  for (const name of CALL_NAMES) {
    api[name] = (input: CallInput<typeof name>) => call(name, input);
  }
  // The one cast: the loop above fills every call of the contract, and
  // `toResult` checks each answer against that call's output schema.
  return api as CasekitApi;
}
