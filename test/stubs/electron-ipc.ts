/** Fakes of ipcMain and ipcRenderer that record handlers, invocations and listeners. */
import { FakeEmitter } from './electron-emitter';

type InvokeHandler<E> = (event: E, ...args: unknown[]) => unknown;

/** `E` is the event type tests hand to `invoke`; the real one is IpcMainInvokeEvent. */
export class FakeIpcMain<E = unknown> extends FakeEmitter {
  readonly handlers = new Map<string, InvokeHandler<E>>();
  handle(channel: string, handler: InvokeHandler<E>): void {
    // Electron refuses a second handler for a channel; so does the stub.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test driver: what a renderer's ipcRenderer.invoke does, minus serialization. */
  async invoke(channel: string, event: E, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeIpcRenderer extends FakeEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  respond: (channel: string, args: unknown[]) => Promise<unknown> = () => Promise.resolve(undefined);
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.respond(channel, args);
  }
  /** Test driver: a message from main, delivered with an IpcRendererEvent-like first argument. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, ...args);
  }
}
