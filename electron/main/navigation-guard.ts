import { APP_ORIGIN } from './app-protocol';
import { hasOriginIn } from './url-origin';

/** Hosts the app may open in the user's browser; each also covers its subdomains. */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [
  'zimbra.com',
  'www.zimbra.com',
  'wiki.zimbra.com',
  'support.zimbra.com',
  'github.com',
];

/**
 * The canonical form of `url` when it may be opened outside the app, else null.
 * Only https, default port, no user:password@ (which can disguise the real host
 * in a link), host on the allow-list. Callers open the returned string, not
 * the input, so what was checked is exactly what gets opened.
 */
export function allowedExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const host = parsed.hostname;
  const listed = EXTERNAL_URL_ALLOWLIST.some((domain) => host === domain || host.endsWith(`.${domain}`));
  return listed ? parsed.href : null;
}

export function isAllowedExternalUrl(url: string): boolean {
  return allowedExternalUrl(url) !== null;
}

type NavigationEvent = { readonly url: string; readonly isMainFrame: boolean; preventDefault(): void };
type PreventableEvent = { preventDefault(): void };

/** The part of Electron's WebContents the guards use; a real WebContents fits. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (event: NavigationEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  /** Opens a URL in the user's browser (shell.openExternal); only ever called with allow-listed URLs. */
  openExternal: (url: string) => Promise<void> | void;
  /** Origins our own pages live on: app://casekit, or the dev server in dev. */
  trustedOrigins?: readonly string[];
}

/**
 * Keeps every web contents on our own origin: no navigating away (links,
 * location changes, server redirects, in any frame), no new windows, no
 * <webview>. A page on another origin would still have window.casekit.
 * A main-frame link or window.open to an allow-listed site opens in the
 * user's browser instead.
 */
export function installNavigationGuards(contents: GuardedContents, options: NavigationGuardOptions): void {
  const trusted = options.trustedOrigins ?? [APP_ORIGIN];
  const openOutside = (url: string): void => {
    const external = allowedExternalUrl(url);
    if (external === null) return;
    Promise.resolve()
      .then(() => options.openExternal(external))
      .catch((error: unknown) => console.warn('Could not open an external URL:', error));
  };
  const keepOnOrigin = (event: NavigationEvent): boolean => {
    if (hasOriginIn(event.url, trusted)) return false;
    event.preventDefault();
    return true;
  };

  contents.on('will-navigate', (event) => {
    if (keepOnOrigin(event) && event.isMainFrame) openOutside(event.url);
  });
  // Also fires for subframes, which will-navigate does not cover.
  contents.on('will-frame-navigate', (event) => void keepOnOrigin(event));
  // A redirect is the server's choice, not the user's: block it, open nothing.
  contents.on('will-redirect', (event) => void keepOnOrigin(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
