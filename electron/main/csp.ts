import { APP_CSP, extendCsp, formatCsp, type CspDirectives } from '../shared/content-security-policy';
import { originOf } from './url-origin';

/**
 * The page's Content-Security-Policy.
 *
 * Production serves everything from app://casekit, so 'self' is the whole world.
 *
 * Dev (`electron-vite dev`) loads the renderer from the Vite dev server and
 * needs, and gets, only this on top:
 * - the dev server origin for scripts, styles, images, fonts and fetches: the
 *   page and its modules come from it (this is what 'self' means there, but
 *   spelled out so the policy does not depend on which origin loaded it);
 * - `ws://` (or `wss://`) to that same host and port: Vite's HMR socket;
 * - `'unsafe-inline'` for scripts: @vitejs/plugin-react injects an inline
 *   `<script type="module">` preamble that installs React Fast Refresh;
 * - `'unsafe-inline'` for styles: Vite hot-swaps CSS by inserting `<style>` tags.
 * No 'unsafe-eval', no other host. A packaged app never takes the dev branch
 * (see runtime-mode.ts).
 */
export function contentSecurityPolicy(options: { dev?: { rendererUrl: string } } = {}): string {
  return formatCsp(options.dev ? devDirectives(options.dev.rendererUrl) : APP_CSP);
}

function devDirectives(rendererUrl: string): CspDirectives {
  const origin = originOf(rendererUrl);
  // Only the origin goes into the policy, so a URL cannot smuggle in `;` or other sources.
  if (origin === null || !/^https?:\/\/[a-z0-9.\-[\]:]+$/.test(origin)) {
    throw new Error(`The dev renderer URL must be an http(s) URL, got: ${rendererUrl}`);
  }
  const socket = origin.replace(/^http/, 'ws');
  return extendCsp(APP_CSP, {
    'script-src': [origin, "'unsafe-inline'"],
    'style-src': [origin, "'unsafe-inline'"],
    'img-src': [origin],
    'font-src': [origin],
    'connect-src': [origin, socket],
  });
}

/**
 * Response headers with our policy set, any policy the server sent removed
 * (whatever its header-name case), so there is exactly one and it is ours.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
