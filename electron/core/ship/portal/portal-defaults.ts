// Apart from portal-options (which loads zod through CasekitError) so the CLI can define --concurrency at start-up.

/** The form field names a portal expects; a vendor profile may rename them. */
export interface PortalFields {
  case: string;
  file: string;
}

export interface RetryPolicy {
  /** Requests per file, the first one included. */
  maxAttempts: number;
  /** The first backoff; each retry doubles it, with jitter. */
  baseDelayMs: number;
  /** Backoff never grows past this. */
  maxDelayMs: number;
  /** A server's `Retry-After` is honoured up to this long, so a bad value cannot stall a shipment for days. */
  retryAfterCapMs: number;
}

/**
 * What the support portal of CLI.md expects, when a caller of shipPortal gives
 * nothing else. The app and the CLI pass the vendor profile's field names,
 * limit and concurrency (resources/vendors/<id>.json, electron/core/vendor).
 */
export const PORTAL_DEFAULTS = {
  /** `10MB`: the largest request body the portal takes. */
  limit: 10_000_000,
  fields: { case: 'case', file: 'file' } as const satisfies PortalFields,
  concurrency: 2,
  maxConcurrency: 3,
  /** A connection silent this long (nothing sent, nothing received) is given up and retried. */
  idleTimeoutMs: 60_000,
  retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, retryAfterCapMs: 300_000 } satisfies RetryPolicy,
} as const;
