import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME,
  createAppProtocolHandler,
  privilegedSchemeConfig,
  resolveAppRequestPath,
} from './app-protocol';
import { contentSecurityPolicy } from './csp';

const ROOT = '/opt/casekit/out/renderer';

describe('app:// scheme', () => {
  it('is app://casekit', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://casekit');
  });

  it('is privileged as standard, secure and fetchable, and nothing more', () => {
    expect(privilegedSchemeConfig).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('resolveAppRequestPath', () => {
  it.each([
    ['app://casekit/', 'index.html'],
    ['app://casekit', 'index.html'],
    ['app://casekit/index.html', 'index.html'],
    ['app://casekit/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://casekit/assets/index.js?v=1#top', 'assets/index.js'],
    ['app://casekit/fonts/Inter%20Var.woff2', 'fonts/Inter Var.woff2'],
    ['app://casekit/%C5%BC%C3%B3%C5%82w.svg', 'żółw.svg'],
    ['app://casekit//assets//a.css', 'assets/a.css'],
    ['app://CASEKIT/index.html', 'index.html'],
    ['app://casekit/a%252e%252e/x', 'a%2e%2e/x'],
  ])('maps %s to %s', (url, file) => {
    expect(resolveAppRequestPath(url, ROOT)).toBe(path.join(ROOT, file));
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a host that starts like ours', 'app://casekit.evil/index.html'],
    ['credentials', 'app://user:pw@casekit/index.html'],
    ['a port', 'app://casekit:8080/index.html'],
    ['another scheme', 'file:///opt/casekit/out/renderer/index.html'],
    ['https', 'https://casekit/index.html'],
    ['..', 'app://casekit/../../../etc/passwd'],
    ['.. in the middle', 'app://casekit/assets/../../secret'],
    ['encoded ..', 'app://casekit/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded ..', 'app://casekit/%2E%2E/etc/passwd'],
    ['half-encoded ..', 'app://casekit/.%2e/etc/passwd'],
    ['.. with encoded slashes', 'app://casekit/..%2f..%2fetc%2fpasswd'],
    ['an encoded slash', 'app://casekit/assets%2f..%2f..%2fx'],
    ['an absolute path behind an encoded slash', 'app://casekit/%2fetc%2fpasswd'],
    ['a backslash', 'app://casekit/..\\..\\etc\\passwd'],
    ['an encoded backslash', 'app://casekit/..%5c..%5cetc%5cpasswd'],
    ['a NUL', 'app://casekit/index.html%00.png'],
    ['a drive letter', 'app://casekit/C:%5cWindows%5cwin.ini'],
    ['a bare drive letter segment', 'app://casekit/C:/Windows/win.ini'],
    ['a dot-only segment', 'app://casekit/...'],
    ['malformed escapes', 'app://casekit/%E0%A4%A'],
    ['not a URL', 'app://'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppRequestPath(url, ROOT)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const inputs = ['..', '%2e%2e', '.%2e', '%2f', '%5c', 'a', '%00', '.', ':', '~'];
    for (const a of inputs) {
      for (const b of inputs) {
        const resolved = resolveAppRequestPath(`app://casekit/${a}/${b}/x`, ROOT);
        if (resolved !== null) expect(resolved.startsWith(`${ROOT}/`), `${a}/${b}`).toBe(true);
      }
    }
  });

  it('refuses a resolved path outside the root even when every segment looked safe', () => {
    // Stands in for a platform quirk the segment rules did not foresee; also a
    // sibling folder that merely starts with the root's name.
    for (const escaped of ['/etc/passwd', `${ROOT}-evil/x`, ROOT]) {
      const quirky = { sep: '/' as const, resolve: (...parts: string[]) => (parts.length === 1 ? ROOT : escaped) };
      expect(resolveAppRequestPath('app://casekit/index.html', ROOT, quirky), escaped).toBeNull();
    }
  });

  it('keeps Windows paths inside the root too', () => {
    const root = 'C:\\Program Files\\Casekit\\resources\\app\\out\\renderer';
    expect(resolveAppRequestPath('app://casekit/assets/a.js', root, path.win32)).toBe(`${root}\\assets\\a.js`);
    for (const url of [
      'app://casekit/..%5c..%5cwindows',
      'app://casekit/C:%5cwindows',
      'app://casekit/D:/x',
      'app://casekit/%2e%2e/x',
      'app://casekit/index.html::$DATA',
    ]) {
      expect(resolveAppRequestPath(url, root, path.win32), url).toBeNull();
    }
  });
});

describe('createAppProtocolHandler', () => {
  const csp = contentSecurityPolicy();
  const files = new Map<string, string>([
    [path.join(ROOT, 'index.html'), '<!doctype html><title>Casekit</title>'],
    [path.join(ROOT, 'assets/app.js'), 'console.log(1)'],
    [path.join(ROOT, 'assets/app.css'), 'body{}'],
    [path.join(ROOT, 'assets/blob.bin'), 'xx'],
  ]);
  const readFile = vi.fn(async (filePath: string): Promise<Uint8Array> => {
    const text = files.get(filePath);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${filePath}`), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  });
  const handler = createAppProtocolHandler(ROOT, readFile, { csp });
  const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

  function expectHardened(response: Response): void {
    expect(response.headers.get('Content-Security-Policy')).toBe(csp);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  }

  it('serves index.html for / with the right type and our CSP', async () => {
    const response = await get('app://casekit/');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectHardened(response);
    expect(await response.text()).toContain('<title>Casekit</title>');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://casekit/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expectHardened(response);
  });

  it('answers 404 for a file that is not there', async () => {
    const response = await get('app://casekit/assets/missing.js');
    expect(response.status).toBe(404);
    expectHardened(response);
  });

  it('answers 403 for an escape, without touching the disk', async () => {
    readFile.mockClear();
    // Request, like Chromium, has already folded literal and %2e dot segments away;
    // these are what survive that normalization.
    const escapes = ['app://casekit/..%2f..%2fetc%2fpasswd', 'app://casekit/..%5c..%5csecret', 'app://evil/index.html'];
    for (const url of escapes) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expectHardened(response);
    }
    expect(readFile).not.toHaveBeenCalled();
  });

  it('answers 500, not the error text, when reading fails otherwise', async () => {
    const failing = createAppProtocolHandler(ROOT, () => Promise.reject(new Error('EACCES /secret/path')), { csp });
    const response = await failing(new Request('app://casekit/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('/secret/path');
  });

  it('sends the production policy when given none', async () => {
    const response = await createAppProtocolHandler(ROOT, readFile)(new Request('app://casekit/index.html'));
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://casekit/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://casekit/index.html', 'POST');
    expect(post.status).toBe(405);
    expectHardened(post);
  });
});
