import { ALNUM, flagsOf } from './char-classes';
import { marker, type ScanWindow, type Span } from './span';

// A Zimbra auth token: key version, HMAC in hex, the token data in hex (`0_3f2a..._69643d...`),
// tried (sticky) at each underscore that has 32 hex digits after it.
const ZIMBRA_TOKEN = /_[0-9a-f]{32,128}_[0-9a-f]{16,}/y;
const MIN_HMAC = 32;
// A JSON Web Token: base64url header and payload, both JSON objects (`eyJ`), and a signature.
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/y;
const MAX_TOKEN = 8192;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** Tokens recognised by their shape wherever they appear, whatever key (if any) stands before them. */
export function findTokens(w: ScanWindow, out: Span[]): void {
  const { text, len } = w;
  for (let at = text.indexOf('_', w.from); at >= 0 && at < len; at = text.indexOf('_', at + 1)) {
    if (!isHex(text.charCodeAt(at + 1)) || !isHex(text.charCodeAt(at + MIN_HMAC))) continue;
    let start = at;
    while (start > 0 && at - start < 3 && isDigit(text.charCodeAt(start - 1))) start--;
    const before = text.charCodeAt(start - 1);
    if (start === at || start < w.from || before === 95 || (flagsOf(before) & ALNUM) !== 0) continue;
    ZIMBRA_TOKEN.lastIndex = at;
    if (!ZIMBRA_TOKEN.test(text)) continue;
    const end = Math.min(ZIMBRA_TOKEN.lastIndex, start + MAX_TOKEN);
    out.push(marker(start, end, 'zimbra-auth-token'));
    at = end - 1;
  }
  for (let at = text.indexOf('eyJ', w.from); at >= 0 && at < len; at = text.indexOf('eyJ', at + 3)) {
    const before = text.charCodeAt(at - 1);
    if (before === 95 || before === 45 || (flagsOf(before) & ALNUM) !== 0) continue;
    JWT.lastIndex = at;
    const m = JWT.exec(text);
    if (m === null) continue;
    out.push(marker(at, at + m[0].length, 'jwt'));
    at += m[0].length - 3;
  }
}
