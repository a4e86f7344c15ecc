import type { BrowserWindowConstructorOptions } from 'electron';

/** Painted before the first frame; dark so a dark-theme start does not flash white. */
export const WINDOW_BACKGROUND = '#1b1d21';

/**
 * The main window's options. Every webPreferences switch is spelled out, even
 * where it equals Electron's default, so that a default changing upstream, or
 * someone flipping one here, shows up in review and fails window-options.test.ts.
 */
export function createMainWindowOptions({ preloadPath }: { preloadPath: string }): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Casekit',
    // Shown on ready-to-show, so the user never sees an empty window.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // The spellchecker downloads dictionaries from Google's CDN; we send nothing anywhere unasked.
      spellcheck: false,
      // A file dropped on the window would otherwise replace our page with it.
      navigateOnDragDrop: false,
    },
  };
}
