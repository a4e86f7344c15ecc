import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcCallChannel } from '../shared/api-contract';
import type { EventMessage } from '../shared/api-contract';
import {
  app,
  BrowserWindow,
  dialog,
  FakeWebFrame,
  ipcMain,
  preventableEvent,
  protocol,
  resetElectronStub,
  session,
  shell,
} from '../../test/stubs/electron';
import { contentSecurityPolicy } from './csp';
import { flush, HOME, start, startReady } from './start-app-harness';

beforeEach(() => {
  resetElectronStub();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('startApp once ready', () => {
  it('starts the core in the home with the app version', async () => {
    const { createCore } = await startReady();
    expect(createCore).toHaveBeenCalledWith({ home: HOME, version: app.getVersion() });
  });

  it('denies permissions on the default session', async () => {
    await startReady();
    const answers: boolean[] = [];
    session.defaultSession.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(session.defaultSession.permissionCheckHandler?.({}, 'media', 'app://casekit')).toBe(false);
  });

  it('serves the renderer over app:// with the production CSP, and adds no header hook', async () => {
    const { readFile } = await startReady();
    const handler = protocol.handlers.get('app');
    const response = await handler?.(new Request('app://casekit/index.html'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(readFile).toHaveBeenCalledWith('/opt/casekit/out/renderer/index.html');
    expect(session.defaultSession.webRequest.headersReceived).toBeNull();
  });

  it('opens one hardened window on app://casekit/index.html with the preload', async () => {
    const { window } = await startReady();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.webContents.loadedUrls).toEqual(['app://casekit/index.html']);
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/opt/casekit/out/preload/index.cjs', sandbox: true, contextIsolation: true },
    });
  });

  it('guards every web contents created, the main window’s included', async () => {
    const { window } = await startReady();
    const away = preventableEvent({ url: 'https://evil.example/', isMainFrame: true });
    window.webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(
      window.webContents.windowOpenHandler?.({
        url: 'https://github.com/x',
        frameName: '',
        features: '',
        disposition: 'default',
      }),
    ).toEqual({
      action: 'deny',
    });
    await flush();
    expect(shell.opened).toEqual(['https://github.com/x']);
  });

  it('answers IPC from the window’s main frame through the core', async () => {
    const { window, core } = await startReady();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcCallChannel).sort());
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(ipcMain.invoke(ipcCallChannel('listCases'), event, {})).resolves.toEqual({
      ok: true,
      data: 'did listCases',
    });
    expect(core.dispatch).toHaveBeenCalledWith('listCases', {});
  });

  it('refuses IPC from a subframe without reaching the core', async () => {
    const { window, core } = await startReady();
    const child = new FakeWebFrame('app://casekit/index.html', window.webContents.mainFrame);
    const result = await ipcMain.invoke(
      ipcCallChannel('listCases'),
      { sender: window.webContents, senderFrame: child },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('forwards core events to the window', async () => {
    const { window, publish } = await startReady();
    const message: EventMessage = { event: 'casesChanged', payload: { caseId: null } };
    publish(message);
    expect(window.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [message] }]);
  });

  it('focuses the window when a second instance starts', async () => {
    const { window } = await startReady();
    app.emit('second-instance', preventableEvent({}), [], '/');
    expect(window.focusCalls).toBe(1);
  });

  it('reports a core that fails to start and exits', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    start({ createCore: () => Promise.reject(new Error('settings.json is corrupt')) });
    app.becomeReady();
    await flush();
    expect(dialog.errorBoxes[0]?.content).toContain('settings.json is corrupt');
    expect(app.exitCodes).toEqual([1]);
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});
