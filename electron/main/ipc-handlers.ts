import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcCallChannel } from '../shared/api-contract';
import type { EventMessage, Unsubscribe } from '../shared/api-contract';
import type { Result } from '../shared/result';
import { fail } from '../shared/result';

/** The part of Electron's IpcMain used here; the real ipcMain fits. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcRegistration<E> {
  /** The core's dispatcher: validates input, never throws by contract. */
  dispatch: (name: string, input: unknown) => Promise<Result<unknown>>;
  /** Usually isTrustedSender bound to our origins. */
  isTrusted: (event: E) => boolean;
}

/**
 * One ipcMain.handle per call in the contract, and no other channel, so the
 * renderer can reach nothing the contract does not declare. A sender that is
 * not our own main frame is refused before the core sees the call. Returns a
 * function that removes the handlers again.
 */
export function registerIpcFromContract<E>(ipcMain: IpcMainLike<E>, registration: IpcRegistration<E>): () => void {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = ipcCallChannel(name);
    ipcMain.handle(channel, async (event, input) => {
      if (!registration.isTrusted(event)) {
        return fail('FORBIDDEN_SENDER', `The call '${name}' did not come from the Casekit window.`);
      }
      try {
        return await registration.dispatch(name, input);
      } catch (error) {
        // The dispatcher should not throw; if it does, the renderer still gets a
        // Result, and an Error's message (maybe a path) does not cross the bridge.
        console.error(`IPC call '${name}' failed:`, error);
        return fail('INTERNAL', `The call '${name}' failed unexpectedly.`);
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
  };
}

/** A window's web contents as forwardEvents sees it; a real WebContents fits. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, message: EventMessage): void;
}

/**
 * Sends every core event to every live window on IPC_EVENT_CHANNEL. One
 * window closing mid-send does not keep the others from getting the event.
 * Returns the unsubscribe.
 */
export function forwardEvents(
  subscribe: (listener: (message: EventMessage) => void) => Unsubscribe,
  getTargets: () => Iterable<EventSink>,
): Unsubscribe {
  return subscribe((message) => {
    for (const target of getTargets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(IPC_EVENT_CHANNEL, message);
      } catch (error) {
        console.warn('Could not forward an event to a window:', error);
      }
    }
  });
}
