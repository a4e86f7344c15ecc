import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { EventMessage, Unsubscribe } from '../shared/api-contract';
import type { Result } from '../shared/result';
import { APP_SCHEME, createAppProtocolHandler, privilegedSchemeConfig } from './app-protocol';
import type { ReadFile } from './app-protocol';
import { withContentSecurityPolicy } from './csp';
import { forwardEvents, registerIpcFromContract } from './ipc-handlers';
import { createMainWindow, focusWindow } from './main-window';
import { installNavigationGuards } from './navigation-guard';
import { installPermissionGuards } from './permissions';
import { createQuitHandler } from './quit-handler';
import { rendererMode } from './runtime-mode';
import type { RendererMode } from './runtime-mode';
import { isTrustedSender } from './sender-validation';

/** What the main process needs of the core (electron/core/api/create-core.ts). */
export interface CoreLike {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (message: EventMessage) => void): Unsubscribe;
  close(): Promise<void>;
}

export interface StartOptions {
  createCore: (options: { home: string; version: string }) => CoreLike | Promise<CoreLike>;
  /** CASEKIT_HOME, or the per-user default the CLI uses too. */
  resolveHome: () => string;
  rendererRoot: string;
  preloadPath: string;
  readFile: ReadFile;
  env: NodeJS.ProcessEnv;
}

/**
 * Wires Electron to the core. Everything that decides something lives in the
 * modules imported above, each with its tests; this only puts them in order.
 */
export function startApp(options: StartOptions): void {
  let home: string;
  let mode: RendererMode;
  try {
    home = options.resolveHome();
    mode = rendererMode({ isPackaged: app.isPackaged, env: options.env });
  } catch (error) {
    fatal(error);
    return;
  }
  // One folder for our data and Chromium's profile, as docs/ARCHITECTURE.md says.
  // Set before the lock: the lock lives there, so two homes can run side by side (e2e).
  app.setPath('userData', home);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Sandbox every renderer, including any a future change forgets to configure.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged(privilegedSchemeConfig);

  const openWindow = (): BrowserWindow => createMainWindow({ preloadPath: options.preloadPath, url: mode.url });
  let core: CoreLike | null = null;
  const stops: Array<() => void> = [];

  app.on('web-contents-created', (_event, contents) =>
    installNavigationGuards(contents, {
      openExternal: (url) => shell.openExternal(url),
      trustedOrigins: mode.trustedOrigins,
    }),
  );
  app.on('second-instance', () => focusWindow(BrowserWindow.getAllWindows()[0]));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on(
    'will-quit',
    createQuitHandler(
      async () => {
        for (const stop of stops.splice(0)) stop();
        await core?.close();
      },
      () => app.quit(),
    ),
  );

  app
    .whenReady()
    .then(async () => {
      const defaultSession = session.defaultSession;
      installPermissionGuards(defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererRoot, options.readFile, { csp: mode.csp }));
      if (mode.devOrigin !== null) {
        // In dev the page comes from Vite, not our handler, so the policy is added on the way in.
        defaultSession.webRequest.onHeadersReceived((details, callback) =>
          callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, mode.csp) }),
        );
      }
      const started = await options.createCore({ home, version: app.getVersion() });
      core = started;
      stops.push(
        registerIpcFromContract(ipcMain, {
          dispatch: (name, input) => started.dispatch(name, input),
          isTrusted: (event) => isTrustedSender(event, mode.trustedOrigins),
        }),
        forwardEvents(
          (listener) => started.subscribe(listener),
          () => BrowserWindow.getAllWindows().map((window) => window.webContents),
        ),
      );
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch(fatal);
}

/** showErrorBox works before `ready` too, so the user sees why nothing opened. */
function fatal(error: unknown): void {
  console.error('Casekit could not start:', error);
  dialog.showErrorBox('Casekit could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
