import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, resetElectronStub } from '../../test/stubs/electron';
import { createMainWindow, focusWindow } from './main-window';
import { createMainWindowOptions } from './window-options';

describe('createMainWindow', () => {
  beforeEach(() => resetElectronStub());

  it('opens a hardened window, loads the URL, and shows it only when ready to show', () => {
    createMainWindow({ preloadPath: '/p/index.cjs', url: 'app://casekit/index.html' });
    const window = BrowserWindow.instances[0];
    expect(window?.options).toEqual(createMainWindowOptions({ preloadPath: '/p/index.cjs' }));
    expect(window?.webContents.loadedUrls).toEqual(['app://casekit/index.html']);
    expect(window?.shown).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(true);
  });
});

describe('focusWindow', () => {
  beforeEach(() => resetElectronStub());

  it('restores and focuses a minimized window', () => {
    const window = new BrowserWindow();
    window.minimized = true;
    focusWindow(window);
    expect(window.minimized).toBe(false);
    expect(window.focusCalls).toBe(1);
  });

  it('does nothing without a live window', () => {
    const window = new BrowserWindow();
    window.close();
    expect(() => focusWindow(window)).not.toThrow();
    expect(window.focusCalls).toBe(0);
    expect(() => focusWindow(undefined)).not.toThrow();
  });
});
