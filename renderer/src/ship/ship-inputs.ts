import { parseByteSize } from '../../../electron/shared/byte-size';
import { MIN_PART_SIZE_BYTES } from '../../../electron/shared/ship-api-schemas';

/** The Ship screen's own checks, so the user hears what is wrong before anything is sent. */

export type FtpTls = 'explicit' | 'implicit' | 'off';
export type TlsChoice = FtpTls | 'auto';

export type UrlProblem = 'required' | 'invalid' | 'scheme' | 'credentials' | 'password' | 'query';
export type SizeProblem = 'required' | 'invalid' | 'tooSmall';

/** Packing refuses smaller parts, and no channel's limit may be smaller either. */
export const MIN_SIZE = MIN_PART_SIZE_BYTES;
/** The portal's own limit: a part over it would be refused there. */
export const PORTAL_LIMIT = 10_000_000;
export const DEFAULT_PART_SIZE = '9.5MiB';
export const DEFAULT_LIMIT = '10MB';

const IMPLICIT_PORT = '990';

function parsed(text: string): URL | null {
  return URL.canParse(text) ? new URL(text) : null;
}

/** An FTP address may name the user (the password comes from the keychain or a prompt), never the password. */
export function ftpUrlProblem(text: string): UrlProblem | null {
  const value = text.trim();
  if (value === '') return 'required';
  const url = parsed(value);
  if (url === null || url.hostname === '') return 'invalid';
  if (url.protocol !== 'ftp:' && url.protocol !== 'ftps:') return 'scheme';
  if (url.password !== '') return 'password';
  if (url.search !== '' || url.hash !== '') return 'query';
  return null;
}

/** Portal and download-link addresses carry no user or password: the token is asked for separately. */
export function webUrlProblem(text: string, schemes: readonly string[]): UrlProblem | null {
  const value = text.trim();
  if (value === '') return 'required';
  const url = parsed(value);
  if (url === null || url.hostname === '') return 'invalid';
  if (!schemes.includes(url.protocol)) return 'scheme';
  if (url.username !== '' || url.password !== '') return 'credentials';
  return null;
}

export const PORTAL_SCHEMES = ['https:', 'http:'] as const;
export const LINK_SCHEMES = ['https:'] as const;

/** The TLS mode the back end gets: "automatic" follows the address as `casekit ship ftp` does. */
export function resolveTls(url: string, choice: TlsChoice): FtpTls {
  if (choice !== 'auto') return choice;
  const address = parsed(url.trim());
  if (address?.protocol === 'ftps:' && (address.port === '' || address.port === IMPLICIT_PORT)) return 'implicit';
  return 'explicit';
}

/** ftps:// asks for TLS; turning it off is a contradiction, not a choice. */
export function tlsProblem(url: string, choice: TlsChoice): 'contradiction' | null {
  return choice === 'off' && parsed(url.trim())?.protocol === 'ftps:' ? 'contradiction' : null;
}

export type SizeCheck = { ok: true; bytes: number } | { ok: false; problem: SizeProblem };

/** A size in the CLI's notation (9.5MiB, 10MB, a byte count), as `casekit pack --part-size` reads it. */
export function checkSize(text: string, min = MIN_SIZE): SizeCheck {
  if (text.trim() === '') return { ok: false, problem: 'required' };
  const bytes = parseByteSize(text);
  if (bytes === null) return { ok: false, problem: 'invalid' };
  if (bytes < min) return { ok: false, problem: 'tooSmall' };
  return { ok: true, bytes };
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

export function emailProblem(text: string, required: boolean): 'required' | 'invalid' | null {
  const value = text.trim();
  if (value === '') return required ? 'required' : null;
  return ADDRESS.test(value) ? null : 'invalid';
}

/**
 * `<input type="datetime-local">` gives local wall-clock time without a zone;
 * the link record wants an ISO instant. Empty means "does not expire".
 */
export function expiryInstant(local: string): { ok: true; iso: string | undefined } | { ok: false } {
  if (local.trim() === '') return { ok: true, iso: undefined };
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? { ok: false } : { ok: true, iso: date.toISOString() };
}
