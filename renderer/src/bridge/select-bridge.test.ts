// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../test-support/fake-api';
import { selectBridge } from './select-bridge';

function exposePreload(value: unknown): void {
  Object.defineProperty(window, 'casekit', { value, configurable: true });
}

afterEach(() => exposePreload(undefined));

describe('selectBridge', () => {
  it('uses the API the Electron preload exposed', () => {
    const { api } = createFakeApi();
    exposePreload(api);
    expect(selectBridge()).toBe(api);
  });

  it('falls back to HTTP and WebSocket when there is no preload', () => {
    exposePreload(undefined);
    const bridge = selectBridge();
    expect(typeof bridge.listCases).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });
});
