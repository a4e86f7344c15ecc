/**
 * Test support for start-app*.test.ts (not itself a test): boots startApp
 * against the electron stub with a fake core.
 */
import { vi } from 'vitest';
import type { EventMessage } from '../shared/api-contract';
import { app, BrowserWindow } from '../../test/stubs/electron';
import type { CoreLike, StartOptions } from './start-app';
import { startApp } from './start-app';

export const HOME = '/tmp/casekit-home';
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeCore() {
  const listeners = new Set<(message: EventMessage) => void>();
  const core = {
    dispatch: vi.fn((name: string) => Promise.resolve({ ok: true as const, data: `did ${name}` })),
    subscribe: vi.fn((listener: (message: EventMessage) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }),
    close: vi.fn(() => Promise.resolve()),
  } satisfies CoreLike;
  const publish = (message: EventMessage): void => listeners.forEach((listener) => listener(message));
  return { core, publish, listeners };
}

export function start(overrides: Partial<StartOptions> = {}) {
  const { core, publish, listeners } = fakeCore();
  const createCore = vi.fn(() => Promise.resolve(core));
  const readFile = vi.fn(() => Promise.resolve(new TextEncoder().encode('<!doctype html>')));
  startApp({
    createCore,
    resolveHome: () => HOME,
    rendererRoot: '/opt/casekit/out/renderer',
    preloadPath: '/opt/casekit/out/preload/index.cjs',
    readFile,
    env: {},
    ...overrides,
  });
  return { core, publish, listeners, createCore, readFile };
}

export async function startReady(overrides: Partial<StartOptions> = {}) {
  const started = start(overrides);
  app.becomeReady();
  await flush();
  const window = BrowserWindow.instances[0];
  if (window === undefined) throw new Error('no window was opened');
  return { ...started, window };
}
