import { originOf } from './url-origin';

type Directives = Record<string, string[]>;

const PRODUCTION: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

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
  const directives = options.dev ? devDirectives(options.dev.rendererUrl) : PRODUCTION;
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

function devDirectives(rendererUrl: string): Directives {
  const origin = originOf(rendererUrl);
  // Only the origin goes into the policy, so a URL cannot smuggle in `;` or other sources.
  if (origin === null || !/^https?:\/\/[a-z0-9.\-[\]:]+$/.test(origin)) {
    throw new Error(`The dev renderer URL must be an http(s) URL, got: ${rendererUrl}`);
  }
  const socket = origin.replace(/^http/, 'ws');
  const add = (name: string, ...extra: string[]): string[] => [...(PRODUCTION[name] ?? []), ...extra];
  return {
    ...PRODUCTION,
    'script-src': add('script-src', origin, "'unsafe-inline'"),
    'style-src': add('style-src', origin, "'unsafe-inline'"),
    'img-src': add('img-src', origin),
    'font-src': add('font-src', origin),
    'connect-src': add('connect-src', origin, socket),
  };
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
