import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcCallChannel } from '../shared/api-contract';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  preventableEvent,
  protocol,
  resetElectronStub,
  session,
} from '../../test/stubs/electron';
import { contentSecurityPolicy } from './csp';
import { flush, HOME, start, startReady } from './start-app-harness';

beforeEach(() => {
  resetElectronStub();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('startApp before ready', () => {
  it('puts userData in the Casekit home, takes the lock, sandboxes, registers app:// as privileged', () => {
    start();
    expect(app.getPath('userData')).toBe(HOME);
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('quits at once when another instance holds the lock', () => {
    app.singleInstanceLock = false;
    start();
    expect(app.quitCalls).toBe(1);
    expect(protocol.privileged).toEqual([]);
    expect(app.listenerCount('web-contents-created')).toBe(0);
  });

  it('reports a data folder it cannot resolve and exits', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    start({
      resolveHome: () => {
        throw new Error('CASEKIT_HOME must be absolute');
      },
    });
    expect(dialog.errorBoxes[0]?.content).toContain('CASEKIT_HOME must be absolute');
    expect(app.exitCodes).toEqual([1]);
  });
});

describe('startApp quitting', () => {
  it('stops IPC and events, closes the core, then quits', async () => {
    const { core, listeners } = await startReady();
    const willQuit = preventableEvent({});
    app.emit('will-quit', willQuit);
    expect(willQuit.defaultPrevented).toBe(true);
    await flush();
    expect(core.close).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
    expect(app.quitCalls).toBe(1);
  });

  it('quits when the last window closes', async () => {
    const { window } = await startReady();
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      window.close();
      app.emit('window-all-closed');
      expect(app.quitCalls).toBe(1);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('startApp in dev', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };

  it('loads the dev server, trusts only its origin, and adds the dev CSP to its responses', async () => {
    const { window, core } = await startReady({ env });
    expect(window.webContents.loadedUrls).toEqual(['http://localhost:5173']);

    const hook = session.defaultSession.webRequest.headersReceived;
    let headers: Record<string, string | string[]> | undefined;
    hook?.({ url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers?.['Content-Security-Policy']).toEqual([
      contentSecurityPolicy({ dev: { rendererUrl: 'http://localhost:5173' } }),
    ]);

    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await ipcMain.invoke(ipcCallChannel('getAppInfo'), event, {});
    expect(core.dispatch).toHaveBeenCalledOnce();
  });

  it('reports a malformed dev server URL and exits, before taking the lock', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    start({ env: { ELECTRON_RENDERER_URL: 'file:///tmp/index.html' } });
    expect(dialog.errorBoxes[0]?.content).toContain('ELECTRON_RENDERER_URL');
    expect(app.exitCodes).toEqual([1]);
    expect(protocol.privileged).toEqual([]);
  });

  it('ignores the dev server in a packaged app', async () => {
    app.isPackaged = true;
    const { window } = await startReady({ env });
    expect(window.webContents.loadedUrls).toEqual(['app://casekit/index.html']);
    expect(session.defaultSession.webRequest.headersReceived).toBeNull();
  });
});
