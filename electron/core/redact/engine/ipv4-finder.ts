import { ALNUM, flagsOf } from './char-classes';
import { PRIO_PII, Span, SpanKind, type ScanWindow } from './span';

const DOTTED_QUAD = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;

/** Words after which four dotted numbers are a version, not an address (`version 9.0.0.1`, `Release 9.0.0.1`). */
const VERSION_WORDS = new Set([
  'v',
  'ver',
  'rel',
  'rev',
  'patch',
  'firmware',
  'fw',
  'zcs',
  'jdk',
  'jre',
  'openjdk',
  'openssl',
  'java',
  'nginx',
  'mariadb',
  'mysql',
  'kernel',
]);
const VERSION_SUFFIXES = ['version', 'release', 'build', 'revision'];

/**
 * IPv4 addresses. Four dotted numbers are an address only when every part is
 * at most 255, nothing dotted or alphanumeric is glued to either side
 * (`1.2.3.4.5`, `v9.0.0.1`, `9.0.0.1_GA_4179`, `9.0.0.1-GA`,
 * `zimbra-core-9.0.0.1-1`), it is not the version of a product in a user agent
 * (`Chrome/119.0.0.0`, a word and a slash before it), and the word before is not a version word
 * (`version 9.0.0.1`, `Release: 9.0.0.1`, `zimbra_version=9.0.0.1`).
 * 0/8, 127/8 and 255/8 stay (loopback, `0.0.0.0`, netmasks, broadcast).
 */
export function findIPv4(w: ScanWindow, out: Span[]): void {
  const { text } = w;
  DOTTED_QUAD.lastIndex = w.from;
  // test() and lastIndex rather than exec(): no match object for each of the many hits.
  while (DOTTED_QUAD.test(text)) {
    const end = DOTTED_QUAD.lastIndex;
    let start = end;
    while (start > w.from && end - start < 16 && isDigitOrDot(text.charCodeAt(start - 1))) start--;
    if (isIPv4At(text, start, end)) out.push(new Span(start, end, 'ipv4', PRIO_PII, SpanKind.IPv4));
  }
}

/** Whether [start, end) of `text` (digits and dots only) is an IPv4 address by the rules above. */
export function isIPv4At(text: string, start: number, end: number): boolean {
  // Exactly four parts of one to three digits, each at most 255; a longer dotted run is something else.
  let parts = 0;
  let value = 0;
  let digits = 0;
  let first = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      if (first < 0) first = value;
      parts++;
      value = 0;
      digits = 0;
    } else {
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
    }
  }
  if (parts !== 4 || first === 0 || first === 127 || first === 255) return false;
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (before === 95 || (flagsOf(before) & ALNUM) !== 0 || gluedRight(text, end, after)) return false;
  // `zimbra-core-9.0.0.1-1`: a version between a package name and a release number.
  if (before === 45 && after === 45 && isLetter(text.charCodeAt(start - 2))) return false;
  // `ZimbraConnectorForOutlook/9.0.0.1`, `Chrome/119.0.0.0`: a product's version in a user agent.
  if (before === 47 && (flagsOf(text.charCodeAt(start - 2)) & ALNUM) !== 0) return false;
  return !afterVersionWord(text, start);
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function gluedRight(text: string, end: number, c: number): boolean {
  if (c === 95 || (flagsOf(c) & ALNUM) !== 0) return true;
  const next = text.charCodeAt(end + 1);
  // `9.0.0.1.GA`; a dot that ends a sentence is fine.
  if (c === 46) return (flagsOf(next) & ALNUM) !== 0;
  // `9.0.0.1-GA` is a version; `10.0.0.1-10.0.0.9` is a range of addresses.
  if (c === 45) return isLetter(next);
  return false;
}

function afterVersionWord(text: string, start: number): boolean {
  let i = start;
  const stop = Math.max(0, start - 8);
  // Skip what sits between a word and its value: spaces, `:`, `=`, quotes, brackets.
  while (i > stop) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 58 || c === 61 || c === 34 || c === 39 || c === 40 || c === 91) i--;
    else break;
  }
  let j = i;
  while (j > 0 && i - j < 32) {
    const c = text.charCodeAt(j - 1);
    if (isLetter(c) || c === 95 || c === 45) j--;
    else break;
  }
  const length = i - j;
  if (length === 0) return false;
  const word = text.slice(j, i).toLowerCase();
  // Most addresses follow `ip=`, `from`, `client=`: words too short to be a version word but `v`.
  if (length <= 2) return word === 'v' || word === 'fw';
  if (VERSION_WORDS.has(word)) return true;
  return VERSION_SUFFIXES.some((suffix) => word.endsWith(suffix));
}
