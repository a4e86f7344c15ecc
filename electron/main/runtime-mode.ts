import { APP_INDEX_URL, APP_ORIGIN } from './app-protocol';
import { contentSecurityPolicy } from './csp';
import { originOf } from './url-origin';

export interface RendererMode {
  /** What the main window loads. */
  url: string;
  /** Origins whose main frame may call IPC and may be navigated to. */
  trustedOrigins: string[];
  csp: string;
  /** The Vite dev server's origin in dev, else null. */
  devOrigin: string | null;
}

/**
 * Production (app://casekit) or dev (the electron-vite dev server).
 * A packaged app is always production: otherwise anyone who can set
 * ELECTRON_RENDERER_URL could point the window, preload bridge included, at
 * their own page. In dev a malformed URL is an error, not a silent fallback.
 */
export function rendererMode({ isPackaged, env }: { isPackaged: boolean; env: NodeJS.ProcessEnv }): RendererMode {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (isPackaged || devUrl === undefined || devUrl === '') {
    return { url: APP_INDEX_URL, trustedOrigins: [APP_ORIGIN], csp: contentSecurityPolicy(), devOrigin: null };
  }
  const origin = originOf(devUrl);
  if (origin === null || !/^https?:/.test(origin)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got: ${devUrl}`);
  }
  return {
    url: devUrl,
    trustedOrigins: [origin],
    csp: contentSecurityPolicy({ dev: { rendererUrl: devUrl } }),
    devOrigin: origin,
  };
}
