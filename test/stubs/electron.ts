/**
 * What `electron` resolves to under vitest (see vitest.config.ts). The binary
 * never runs here, so each export is a small fake that records what it was asked
 * to do; tests drive it (emit events, become ready) and assert on the records.
 * Only what electron/main and electron/preload use is faked.
 */
import { FakeEmitter, preventableEvent } from './electron-emitter';
import { FakeIpcMain, FakeIpcRenderer } from './electron-ipc';
import { FakeSession } from './electron-session';
import { FakeWebContents, FakeWebFrame, resetWebContentsIds } from './electron-web-contents';

export { FakeEmitter, FakeIpcMain, FakeIpcRenderer, FakeSession, FakeWebContents, FakeWebFrame, preventableEvent };
export type { PreventableEvent, StoredListener } from './electron-emitter';

export const session = { defaultSession: new FakeSession() };

export class FakeApp extends FakeEmitter {
  ready = false;
  isPackaged = false;
  sandboxEnabled = false;
  singleInstanceLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  name = 'casekit';
  version = '0.1.0-stub';
  readonly paths = new Map<string, string>([
    ['appData', '/fake/appData'],
    ['userData', '/fake/appData/casekit'],
  ]);
  private readyWaiters: Array<() => void> = [];

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test driver: what Electron does once Chromium has started. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready', preventableEvent({}));
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
  getPath(name: string): string {
    const found = this.paths.get(name);
    if (found === undefined) throw new Error(`stub app.getPath: no path '${name}'`);
    return found;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getVersion(): string {
    return this.version;
  }
}

export const app = new FakeApp();

export class BrowserWindow extends FakeEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  shown = false;
  destroyed = false;
  minimized = false;
  focusCalls = 0;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
    // Electron announces every new web contents on `app`; guards hook in there.
    app.emit('web-contents-created', preventableEvent({}), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focusCalls += 1;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export const ipcMain = new FakeIpcMain<unknown>();

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    contextBridge.exposed.set(key, api);
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type CustomScheme = { scheme: string; privileges?: Record<string, boolean> };

export const protocol = {
  privileged: [] as CustomScheme[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.ready) throw new Error('protocol.handle can only be called after app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`Protocol '${scheme}' is already handled`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme);
  },
};

export const net = {
  fetch(input: string | Request): Promise<Response> {
    return Promise.reject(new Error(`stub net.fetch was not expected to be called (${String(input)})`));
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

/** Puts every fake back as it was at import, for tests that share one module instance. */
export function resetElectronStub(): void {
  Object.assign(app, new FakeApp());
  app.removeAllListeners();
  BrowserWindow.instances = [];
  session.defaultSession = new FakeSession();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.respond = () => Promise.resolve(undefined);
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  shell.opened.length = 0;
  dialog.errorBoxes.length = 0;
  resetWebContentsIds();
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  net,
  protocol,
  session,
  shell,
};
