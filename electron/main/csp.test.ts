import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withContentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('is exactly the production policy by default', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  describe('in dev', () => {
    const dev = directives(contentSecurityPolicy({ dev: { rendererUrl: 'http://localhost:5173/' } }));

    it('allows the dev server and its HMR socket', () => {
      expect(dev.get('script-src')).toContain('http://localhost:5173');
      expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    });

    it("adds 'unsafe-inline' only where Fast Refresh and Vite's CSS need it", () => {
      for (const [name, sources] of dev) {
        const expected = name === 'script-src' || name === 'style-src';
        expect(sources.includes("'unsafe-inline'"), name).toBe(expected);
      }
    });

    it('relaxes nothing else', () => {
      const policy = [...dev.values()].flat();
      expect(policy).not.toContain("'unsafe-eval'");
      expect(policy).not.toContain('*');
      const prod = directives(contentSecurityPolicy());
      for (const name of ['default-src', 'base-uri', 'form-action', 'frame-ancestors', 'object-src']) {
        expect(dev.get(name), name).toEqual(prod.get(name));
      }
    });

    it('uses wss for an https dev server', () => {
      const policy = directives(contentSecurityPolicy({ dev: { rendererUrl: 'https://127.0.0.1:5173' } }));
      expect(policy.get('connect-src')).toContain('wss://127.0.0.1:5173');
    });

    it('puts only the origin into the policy', () => {
      const policy = contentSecurityPolicy({ dev: { rendererUrl: "http://localhost:5173/x;script-src *'" } });
      expect(policy).not.toContain('script-src *');
      expect(policy).not.toContain('/x');
    });

    it.each(['file:///tmp/index.html', 'javascript:alert(1)', 'not a url', 'app://casekit/'])('refuses %s', (url) => {
      expect(() => contentSecurityPolicy({ dev: { rendererUrl: url } })).toThrow(/http\(s\)/);
    });
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the server sent, whatever its case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['script-src *'], 'CONTENT-SECURITY-POLICY': 'x', 'Content-Type': 'text/html' },
      'default-src ours',
    );
    expect(headers).toEqual({ 'Content-Security-Policy': ['default-src ours'], 'Content-Type': ['text/html'] });
  });

  it('adds the policy when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});
