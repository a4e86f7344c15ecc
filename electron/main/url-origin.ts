/**
 * `scheme://host[:port]` of a URL, or null when it has none.
 *
 * Node's URL gives `origin === 'null'` for schemes it does not know (our `app:`),
 * while Chromium, where `app:` is registered as standard, gives `app://casekit`.
 * Building the origin ourselves makes both agree, so the same check works in the
 * main process and in tests.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when `url` parses and its origin is exactly one of `origins`. */
export function hasOriginIn(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.some((allowed) => allowed.toLowerCase() === origin);
}
