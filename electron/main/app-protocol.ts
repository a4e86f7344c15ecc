import type { CustomScheme } from 'electron';
import path from 'node:path';
import { contentTypeFor } from './content-type';
import { contentSecurityPolicy } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'casekit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before `ready`.
 * - standard: a real origin (app://casekit) so 'self' in the CSP, relative URLs
 *   and the sender check work; file:// would give every local file one origin.
 * - secure: a secure context, like https, so the page is not "mixed content".
 * - supportFetchAPI: the renderer's module loader and fetch() can load from it.
 * Deliberately not: bypassCSP (our CSP must apply), corsEnabled (nothing
 * cross-origin reads from us), allowServiceWorkers, stream, codeCache.
 */
export const privilegedSchemeConfig: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

type PathApi = Pick<typeof path, 'resolve' | 'sep'>;

// A `..` segment, literal or percent-encoded in any case, anywhere in a path.
const DOT_DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){2}(?=[/\\?#]|$)/i;

/**
 * The file under `rendererRoot` that `requestUrl` names, or null when the URL
 * is not ours or would reach outside the root. Chromium normalizes `..` before
 * we see the URL; this does not rely on it, and also refuses what Chromium
 * would let through: encoded slashes and backslashes, NUL, drive letters.
 * `pathApi` is there so tests can check the Windows rules on any OS.
 */
export function resolveAppRequestPath(
  requestUrl: string,
  rendererRoot: string,
  pathApi: PathApi = path,
): string | null {
  const prefix = `${APP_SCHEME}://`;
  if (!requestUrl.toLowerCase().startsWith(prefix)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;

  // The path as written, before the URL parser folded away any dot segments.
  const afterScheme = requestUrl.slice(prefix.length);
  const slash = afterScheme.search(/[/\\?#]/);
  const rawPath = slash === -1 ? '' : (afterScheme.slice(slash).split(/[?#]/)[0] ?? '');
  if (DOT_DOT_SEGMENT.test(rawPath)) return null;

  const segments = decodedSegments(url.pathname);
  if (segments === null) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = pathApi.resolve(rendererRoot);
  const target = pathApi.resolve(root, ...segments);
  return target.startsWith(root + pathApi.sep) ? target : null;
}

/** Each non-empty path segment, percent-decoded; null if any is unsafe to hand to the file system. */
function decodedSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // `/` or `\` here came from %2f / %5c: they would split into segments we never checked.
    // `:` is a drive letter or an NTFS stream on Windows. Dots alone walk the tree.
    if (/[/\\:\0]/.test(segment) || /^\.+$/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

/**
 * The `protocol.handle('app', …)` handler: serves files under `rendererRoot`
 * with our CSP and `nosniff` on every response, including errors, so no
 * response from app:// can run script the policy would refuse.
 */
export function createAppProtocolHandler(
  rendererRoot: string,
  readFile: ReadFile,
  options: { csp?: string } = {},
): (request: Request) => Promise<Response> {
  const csp = options.csp ?? contentSecurityPolicy();
  const headersFor = (contentType: string): Headers =>
    new Headers({
      'Content-Type': contentType,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      // The renderer is local and versioned with the app; a stale cache is only confusing.
      'Cache-Control': 'no-store',
    });
  const plain = (status: number, text: string): Response =>
    new Response(text, { status, headers: headersFor('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const filePath = resolveAppRequestPath(request.url, rendererRoot);
    if (filePath === null) return plain(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch (error) {
      return isMissing(error) ? plain(404, 'Not Found') : plain(500, 'Internal Server Error');
    }
    const headers = headersFor(contentTypeFor(filePath));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function isMissing(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  // A directory is "not found" too: we never list one.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
