import { CasekitError } from '../../../shared/error-codes';
import type { ShipProgressListener } from '../ship-types';
import { PORTAL_DEFAULTS, type PortalFields, type RetryPolicy } from './portal-defaults';

export { PORTAL_DEFAULTS, type PortalFields, type RetryPolicy };

export interface ShipPortalOptions {
  /** A folder made by `casekit pack`. */
  bundleDir: string;
  /** The upload endpoint; https, or http to a loopback address only. */
  url: string;
  /** Exactly 8 digits. */
  caseNumber: string;
  /** Sent only as `Authorization: Bearer`; never logged, journalled or put in a receipt. */
  token: string;
  limit?: number;
  fields?: PortalFields;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  idleTimeoutMs?: number;
  /** A certificate the user trusted after seeing it: its fingerprint, and its PEM in `caCertificates` (pinned-tls.ts). */
  trustedCertificate?: string;
  caCertificates?: string[];
  signal?: AbortSignal;
  onProgress?: ShipProgressListener;
}

const CASE_NUMBER = /^\d{8}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkCaseNumber(caseNumber: string): string {
  if (!CASE_NUMBER.test(caseNumber)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `"${caseNumber}" is not a case number: it must be exactly 8 digits, such as 00012345.`,
    );
  }
  return caseNumber;
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The portal URL, refused when the token would cross the network in clear or ride in the URL. */
export function checkPortalUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CasekitError('INVALID_INPUT', `"${text}" is not a URL: give the portal's upload address, https://…`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CasekitError('INVALID_INPUT', `The portal URL must start with https:// (it is ${url.protocol}//…).`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `Casekit will not send the portal token over plain http to ${url.host}: anyone on the way could read it. Use the portal's https:// address.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new CasekitError(
      'INVALID_INPUT',
      'The portal URL carries a user name or password; leave them out (the token is sent as a bearer header).',
    );
  }
  return url;
}

export interface ResolvedPortalOptions {
  url: URL;
  caseNumber: string;
  limit: number;
  fields: PortalFields;
  concurrency: number;
  retry: RetryPolicy;
  idleTimeoutMs: number;
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new CasekitError('INVALID_INPUT', `${what} must be a whole number from 1 up (it is ${value}).`);
  }
  return value;
}

/** Checks everything before any request goes out, so bad input never costs a half-sent shipment. */
export function resolvePortalOptions(options: ShipPortalOptions): ResolvedPortalOptions {
  const concurrency = options.concurrency ?? PORTAL_DEFAULTS.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > PORTAL_DEFAULTS.maxConcurrency) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${concurrency} uploads at once is not allowed: use 1 to ${PORTAL_DEFAULTS.maxConcurrency}, so the portal does not throttle the shipment.`,
    );
  }
  if (options.token === '' || /[\r\n]/.test(options.token)) {
    throw new CasekitError('INVALID_INPUT', 'The portal token is empty or spans several lines; copy it again.');
  }
  const fields = options.fields ?? PORTAL_DEFAULTS.fields;
  if (fields.case === '' || fields.file === '' || fields.case === fields.file) {
    throw new CasekitError('INVALID_INPUT', 'The portal field names must be two different, non-empty names.');
  }
  const retry = { ...PORTAL_DEFAULTS.retry, ...options.retry };
  positiveInteger(retry.maxAttempts, 'The number of attempts per file');
  return {
    url: checkPortalUrl(options.url),
    caseNumber: checkCaseNumber(options.caseNumber),
    limit: positiveInteger(options.limit ?? PORTAL_DEFAULTS.limit, 'The portal limit'),
    fields,
    concurrency,
    retry,
    idleTimeoutMs: positiveInteger(options.idleTimeoutMs ?? PORTAL_DEFAULTS.idleTimeoutMs, 'The idle timeout'),
  };
}
