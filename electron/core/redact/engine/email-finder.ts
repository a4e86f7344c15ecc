import { flagsOf, LABEL, LOCAL } from './char-classes';
import { PSEUDO_TLD } from './pseudonymizer';
import { isSystemUser } from './names';
import { marker, PRIO_PII, Span, SpanKind, type ScanWindow } from './span';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_USERINFO = 256;

export interface EmailHit {
  start: number;
  end: number;
  domainStart: number;
}

const PSEUDO_SUFFIX = `.${PSEUDO_TLD}`;

/**
 * The e-mail address around the `@` (or `%40`, `sepLength` 3) at `at`: the
 * local part to the left, a dotted domain with an alphabetic last label to the
 * right. Looks no further left than `min`.
 */
export function emailAt(
  text: string,
  lower: string,
  at: number,
  sepLength: number,
  min: number,
  len: number,
): EmailHit | null {
  let start = at;
  const leftLimit = Math.max(min, at - MAX_LOCAL);
  const extra = sepLength > 1 ? 37 : -1; // `%` belongs to an encoded local part (`a%2Bb%40...`)
  while (start > leftLimit) {
    const c = text.charCodeAt(start - 1);
    if ((flagsOf(c) & LOCAL) === 0 && c !== extra) break;
    start--;
  }
  start = afterEscapes(text, start, at);
  while (start < at && text.charCodeAt(start) === 46) start++; // a local part does not start with a dot
  if (start === at) return null;

  const domainStart = at + sepLength;
  let end = domainStart;
  let lastDot = -1;
  const rightLimit = Math.min(len, domainStart + MAX_DOMAIN);
  while (end < rightLimit) {
    const c = text.charCodeAt(end);
    if (c === 46) {
      if (end === domainStart || text.charCodeAt(end - 1) === 46) break;
      lastDot = end;
    } else if ((flagsOf(c) & LABEL) === 0) break;
    end++;
  }
  // A sentence may end right after the address: drop trailing dots and hyphens.
  while (end > domainStart && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  if (lastDot >= end) lastDot = text.lastIndexOf('.', end - 1);
  if (lastDot <= domainStart || lastDot >= end - 2) return null;
  if (!hasLetter(text, lastDot + 1, end)) return null;
  // Already a pseudonym (a second run over redacted text).
  if (lower.startsWith(PSEUDO_SUFFIX, end - PSEUDO_SUFFIX.length)) return null;
  return { start, end, domainStart };
}

/**
 * In URL-encoded text the local part starts after the last escape that cannot
 * be part of one (`user%3Djdoe%40...`: %3D is `=`), and after a `%XX` that the
 * plain `@` form left in front of it (`%3Djdoe@...`).
 */
function afterEscapes(text: string, start: number, at: number): number {
  // By hand within the local part: lastIndexOf has no lower bound and would search the whole window.
  for (let k = at - 1; k >= Math.max(0, start - 1); k--) {
    if (text.charCodeAt(k) !== 37) continue;
    if (k === start - 1) return isHexPair(text, k + 1) ? Math.min(at, start + 2) : start;
    if (!isHexPair(text, k + 1) || !LOCAL_ESCAPES.has(parseInt(text.slice(k + 1, k + 3), 16))) return k + 3;
  }
  return start;
}

function isHexPair(text: string, at: number): boolean {
  return /^[0-9A-Fa-f]{2}$/.test(text.slice(at, at + 2));
}

// Characters of local parts that URL encoding escapes: + . _ - and UTF-8 bytes.
const LOCAL_ESCAPES = new Set([0x2b, 0x2e, 0x5f, 0x2d, ...Array.from({ length: 128 }, (_, i) => 0x80 + i)]);

function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * `scheme://user:password@host` (and `scheme://user@host`) around the `@` at
 * `at`: the password becomes a marker, the user a pseudonym. Null when the
 * `@` is not inside URL credentials.
 */
export function urlCredentialsAt(
  text: string,
  at: number,
  min: number,
): { user: [number, number]; password: [number, number] | null } | null {
  let q = at;
  const limit = Math.max(min, at - MAX_USERINFO);
  while (q > limit) {
    const c = text.charCodeAt(q - 1);
    // / space " ' < > @ end the user-info part of a URL.
    if (
      c === 47 ||
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 34 ||
      c === 39 ||
      c === 60 ||
      c === 62 ||
      c === 64
    )
      break;
    q--;
  }
  if (q < 3 || text.charCodeAt(q - 1) !== 47 || text.charCodeAt(q - 2) !== 47 || text.charCodeAt(q - 3) !== 58)
    return null;
  const colon = text.indexOf(':', q);
  if (colon < 0 || colon >= at) return { user: [q, at], password: null };
  return { user: [q, colon], password: colon + 1 < at ? [colon + 1, at] : null };
}

/** E-mail addresses (plain and `%40`-encoded) and URL credentials. */
export function findEmails(w: ScanWindow, out: Span[]): void {
  const { text, len } = w;
  for (let at = text.indexOf('@', w.from); at >= 0 && at < len; at = text.indexOf('@', at + 1)) {
    const credentials = urlCredentialsAt(text, at, w.from);
    if (credentials !== null) {
      pushCredentials(w.lower, credentials, out);
      continue;
    }
    const hit = emailAt(text, w.lower, at, 1, w.from, len);
    if (hit === null) continue;
    out.push(new Span(hit.start, hit.end, 'email', PRIO_PII, SpanKind.Email));
    at = hit.end - 1;
  }
  // URL-encoded (`%40`) and encoded twice (`%2540`, a redirect URL inside a URL).
  for (const separator of ['%40', '%2540']) {
    for (let at = text.indexOf(separator, w.from); at >= 0 && at < len; at = text.indexOf(separator, at + 1)) {
      const hit = emailAt(text, w.lower, at, separator.length, w.from, len);
      if (hit === null) continue;
      out.push(new Span(hit.start, hit.end, 'email', PRIO_PII, SpanKind.EncodedEmail));
      at = hit.end - 1;
    }
  }
}

function pushCredentials(
  lower: string,
  credentials: { user: [number, number]; password: [number, number] | null },
  out: Span[],
): void {
  const [userStart, userEnd] = credentials.user;
  const user = lower.slice(userStart, userEnd);
  // An address as the user name is left to the e-mail finder (its own `@` or `%40`).
  if (user !== '' && !user.includes('@') && !user.includes('%40') && !isSystemUser(user)) {
    out.push(new Span(userStart, userEnd, 'user', PRIO_PII, SpanKind.User));
  }
  if (credentials.password !== null) out.push(marker(credentials.password[0], credentials.password[1], 'url-password'));
}
