import { BrowserWindow } from 'electron';
import { createMainWindowOptions } from './window-options';

/**
 * Opens the main window with the hardened options and loads `url`; the window
 * appears once it has painted. A failed load is logged, not thrown: the window
 * stays and the user can reload it.
 */
export function createMainWindow({ preloadPath, url }: { preloadPath: string; url: string }): BrowserWindow {
  const window = new BrowserWindow(createMainWindowOptions({ preloadPath }));
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => console.error(`Could not load ${url}:`, error));
  return window;
}

/** The part of BrowserWindow focusWindow uses; a real BrowserWindow fits. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/** A second launch brings the existing window forward instead of opening another app. */
export function focusWindow(window: FocusableWindow | undefined): void {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
