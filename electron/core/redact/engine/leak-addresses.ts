import { formatIPv6, parseIPv4, parseIPv6 } from './ip-text';
import type { LeakWindow } from './leak-rules';

/** Original addresses, normalized as the map stores them (IPv6 compressed, MAC lower-case with colons). */
export interface AddressSets {
  ipv4: Set<string>;
  ipv6: Set<string>;
  mac: Set<string>;
}

const DOTTED_QUAD = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;
// From the first separator (a quicker start for the regular expression engine); the first octet is checked by hand.
// Starting at a colon, which the regular expression engine finds quickly (a hex digit is everywhere).
const SIX_COLONS = /:[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}:/g;
const MAC = /[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}/g;
const MAC_TEXT = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/;
const CANONICAL = { compressed: true, upperCase: false, padded: false };

/** Reports original addresses found in [from, cut) of the window. */
export function checkAddresses(
  w: LeakWindow,
  sets: AddressSets,
  report: (position: number, rule: string) => void,
): void {
  if (sets.ipv4.size > 0) {
    DOTTED_QUAD.lastIndex = w.from;
    for (let m = DOTTED_QUAD.exec(w.text); m !== null && m.index < w.cut; m = DOTTED_QUAD.exec(w.text)) {
      const before = w.text.charCodeAt(m.index - 1);
      const after = w.text.charCodeAt(m.index + m[0].length);
      if (isDigit(before) || before === 46 || isDigit(after)) continue;
      // The map holds addresses without leading zeros; most text has none either.
      const normal = /(?:^|\.)0\d/.test(m[0]) ? parseIPv4(m[0])?.join('.') : m[0];
      if (normal !== undefined && sets.ipv4.has(normal)) report(m.index, 'original-ipv4');
    }
  }
  if (sets.ipv6.size > 0) {
    // An address has `::` or seven colons between groups; times have two. Each run is looked at once.
    let done = w.from;
    const visit = (at: number): void => {
      if (at < done) return;
      let start = at;
      while (start > 0 && isHexColon(w.lower.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < w.lower.length && isHexColon(w.lower.charCodeAt(end))) end++;
      done = end;
      const run = w.lower.slice(start, end);
      if (ipv6Variants(run).some((text) => isOriginal(text, sets.ipv6))) report(start, 'original-ipv6');
    };
    for (let at = w.lower.indexOf('::', w.from); at >= 0 && at < w.cut; at = w.lower.indexOf('::', at + 2)) visit(at);
    done = w.from;
    SIX_COLONS.lastIndex = w.from;
    while (SIX_COLONS.test(w.lower) && SIX_COLONS.lastIndex - 1 < w.cut) visit(SIX_COLONS.lastIndex - 1);
  }
  if (sets.mac.size > 0) {
    MAC.lastIndex = w.from;
    for (let m = MAC.exec(w.lower); m !== null && m.index < w.cut; m = MAC.exec(w.lower)) {
      const candidate = w.lower.slice(m.index - 2, m.index + 15);
      if (MAC_TEXT.test(candidate) && sets.mac.has(candidate.replace(/-/g, ':'))) report(m.index - 2, 'original-mac');
    }
  }
}

/**
 * The run itself and the run without its first or last group: an address may be
 * glued to a word (`IPv6:2a08:...`) or followed by a port (`2a08:...:56443`).
 */
function ipv6Variants(run: string): string[] {
  const trimmed = run.replace(/^:(?!:)/, '').replace(/(?<!:):$/, '');
  const first = trimmed.indexOf(':');
  const last = trimmed.lastIndexOf(':');
  const withoutFirst = trimmed.charAt(first + 1) === ':' ? trimmed : trimmed.slice(first + 1);
  const withoutLast = trimmed.charAt(last - 1) === ':' ? trimmed : trimmed.slice(0, last);
  const withoutBoth = withoutFirst.slice(0, withoutFirst.lastIndexOf(':'));
  return [trimmed, withoutFirst, withoutLast, withoutBoth];
}

function isOriginal(text: string, originals: Set<string>): boolean {
  let normal = canonical.get(text);
  if (normal === undefined) {
    const bytes = parseIPv6(text);
    normal = bytes === null ? null : formatIPv6(bytes, CANONICAL);
    if (canonical.size >= 50_000) canonical.clear();
    canonical.set(text, normal);
  }
  return normal !== null && originals.has(normal);
}

// The same addresses fill a log: each text form is parsed once.
const canonical = new Map<string, string | null>();

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexColon(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || c === 58;
}
