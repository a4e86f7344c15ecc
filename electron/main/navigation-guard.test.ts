import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, preventableEvent } from '../../test/stubs/electron';
import {
  EXTERNAL_URL_ALLOWLIST,
  allowedExternalUrl,
  installNavigationGuards,
  isAllowedExternalUrl,
} from './navigation-guard';

describe('isAllowedExternalUrl', () => {
  it('lists exactly the Zimbra sites and GitHub', () => {
    expect([...EXTERNAL_URL_ALLOWLIST].sort()).toEqual(
      ['github.com', 'support.zimbra.com', 'wiki.zimbra.com', 'www.zimbra.com', 'zimbra.com'].sort(),
    );
  });

  it.each([
    'https://zimbra.com/',
    'https://www.zimbra.com/product/',
    'https://wiki.zimbra.com/wiki/Zimbra_Releases',
    'https://support.zimbra.com/cases/00012345',
    'https://github.com/Zimbra/zm-mailbox/issues',
    'https://gist.github.com/x',
    'https://GitHub.com/',
    'https://github.com:443/explicit-default-port',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    ['http, not https', 'http://github.com/'],
    ['another scheme', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['our own scheme', 'app://casekit/index.html'],
    ['a host not listed', 'https://example.com/'],
    ['a listed name as a prefix', 'https://github.com.evil.com/'],
    ['a listed name as a suffix without a dot', 'https://evilgithub.com/'],
    ['a listed name in the path', 'https://evil.com/github.com'],
    ['a username', 'https://github.com@evil.com/'],
    ['credentials on a listed host', 'https://user:pass@github.com/'],
    ['a username on a listed host', 'https://user@zimbra.com/'],
    ['another port', 'https://github.com:8443/'],
    ['a trailing dot', 'https://github.com./'],
    ['an IP address', 'https://140.82.112.3/'],
    ['not a URL', 'github.com'],
    ['empty', ''],
  ])('refuses %s', (_why, url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('hands back the canonical URL that was checked', () => {
    expect(allowedExternalUrl('https://GITHUB.com:443/a b')).toBe('https://github.com/a%20b');
  });
});

function guarded(trustedOrigins?: string[]): { contents: FakeWebContents; openExternal: ReturnType<typeof vi.fn> } {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(() => Promise.resolve());
  installNavigationGuards(contents, { openExternal, ...(trustedOrigins ? { trustedOrigins } : {}) });
  return { contents, openExternal };
}

function navigate(contents: FakeWebContents, event: string, url: string, isMainFrame = true) {
  const navigation = preventableEvent({ url, isMainFrame, isSameDocument: false, frame: null });
  contents.emit(event, navigation, url, false, isMainFrame, 1, 1);
  return navigation;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('installNavigationGuards', () => {
  it('listens on every navigation event Electron 45 has, and on webview attach', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.listenerCount(event), event).toBe(1);
    }
    expect(contents.windowOpenHandler).not.toBeNull();
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('lets %s stay on app://casekit', (event) => {
    const { contents } = guarded();
    expect(navigate(contents, event, 'app://casekit/index.html#/cases').defaultPrevented).toBe(false);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('stops %s to anywhere else', (event) => {
    const { contents } = guarded();
    for (const url of [
      'https://github.com/',
      'https://evil.example/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'http://localhost:5173/',
    ]) {
      expect(navigate(contents, event, url).defaultPrevented, url).toBe(true);
    }
  });

  it('stops subframe navigations too', () => {
    const { contents } = guarded();
    expect(navigate(contents, 'will-frame-navigate', 'https://evil.example/', false).defaultPrevented).toBe(true);
  });

  it('opens an allow-listed link from the main frame in the browser, and nothing else', async () => {
    const { contents, openExternal } = guarded();
    navigate(contents, 'will-navigate', 'https://wiki.zimbra.com/wiki/Logs');
    navigate(contents, 'will-navigate', 'https://evil.example/');
    navigate(contents, 'will-frame-navigate', 'https://github.com/from-a-subframe', false);
    navigate(contents, 'will-navigate', 'https://github.com/not-the-main-frame', false);
    navigate(contents, 'will-redirect', 'https://github.com/redirected');
    await flush();
    expect(openExternal.mock.calls).toEqual([['https://wiki.zimbra.com/wiki/Logs']]);
  });

  it('trusts the dev server origin when told to, and then not app://casekit', () => {
    const { contents } = guarded(['http://localhost:5173']);
    expect(navigate(contents, 'will-navigate', 'http://localhost:5173/src/x').defaultPrevented).toBe(false);
    expect(navigate(contents, 'will-navigate', 'http://localhost:5174/').defaultPrevented).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://casekit/index.html').defaultPrevented).toBe(true);
  });

  it('denies every new window, forwarding only allow-listed https URLs', async () => {
    const { contents, openExternal } = guarded();
    const open = (url: string) =>
      contents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' });
    expect(open('https://support.zimbra.com/case')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://casekit/index.html')).toEqual({ action: 'deny' });
    expect(open('http://github.com/')).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal.mock.calls).toEqual([['https://support.zimbra.com/case']]);
  });

  it('survives openExternal failing', async () => {
    const contents = new FakeWebContents();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    installNavigationGuards(contents, { openExternal: () => Promise.reject(new Error('no browser')) });
    contents.windowOpenHandler?.({ url: 'https://github.com/', frameName: '', features: '', disposition: 'default' });
    await flush();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('destroys any <webview> before it attaches', () => {
    const { contents } = guarded();
    const event = preventableEvent({});
    contents.emit('will-attach-webview', event, {}, { src: 'https://github.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
});
