import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';
import { rendererMode } from './runtime-mode';

describe('rendererMode', () => {
  it('serves app://casekit with the production policy by default', () => {
    expect(rendererMode({ isPackaged: false, env: {} })).toEqual({
      url: 'app://casekit/index.html',
      trustedOrigins: ['app://casekit'],
      csp: contentSecurityPolicy(),
      devOrigin: null,
    });
  });

  it('uses the electron-vite dev server when not packaged', () => {
    const mode = rendererMode({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(mode.url).toBe('http://localhost:5173');
    expect(mode.trustedOrigins).toEqual(['http://localhost:5173']);
    expect(mode.devOrigin).toBe('http://localhost:5173');
    expect(mode.csp).toBe(contentSecurityPolicy({ dev: { rendererUrl: 'http://localhost:5173' } }));
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const mode = rendererMode({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } });
    expect(mode.url).toBe('app://casekit/index.html');
    expect(mode.trustedOrigins).toEqual(['app://casekit']);
    expect(mode.csp).toBe(contentSecurityPolicy());
  });

  it.each(['file:///tmp/index.html', 'javascript:alert(1)', 'nonsense'])('refuses a dev URL of %s', (url) => {
    expect(() => rendererMode({ isPackaged: false, env: { ELECTRON_RENDERER_URL: url } })).toThrow();
  });
});
