/** A Content-Security-Policy as directive name → sources. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * The one policy of the UI, in the desktop window (app://casekit) and in
 * `casekit serve` alike: everything from our own origin, no inline code, no eval,
 * no plug-ins, no framing, no form posts.
 */
export const APP_CSP: CspDirectives = {
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

/** `base` with sources added to some directives; never removes one. */
export function extendCsp(base: CspDirectives, extra: CspDirectives): CspDirectives {
  const result: Record<string, readonly string[]> = { ...base };
  for (const [name, sources] of Object.entries(extra)) result[name] = [...(base[name] ?? []), ...sources];
  return result;
}

export function formatCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
