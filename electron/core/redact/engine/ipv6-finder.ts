import { flagsOf, HEX_RUN } from './char-classes';
import { parseIPv6 } from './ip-text';
import { PRIO_PII, Span, SpanKind, type ScanWindow } from './span';
import { TextMap } from './text-map';

// Five colons (a full IPv6 address, a MAC address) or five dashes (a MAC address) between hex groups,
// in one pass; `::` is found with indexOf.
const GROUPS = /[-:][0-9a-f]{1,4}[-:][0-9a-f]{1,4}[-:][0-9a-f]{1,4}[-:][0-9a-f]{1,4}[-:]/g;
const MAC_DASHED = /^[0-9a-f]{2}(?:-[0-9a-f]{2}){5}$/;
const MAC_COLON = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
const MAX_RUN = 64;
const NOT_ADDRESS = 0;
const MAC = 1;
const IPV6 = 2;
const CACHE_LIMIT = 50_000;
// Runs repeat (the same addresses line after line): what each one is, once.
const verdicts = new TextMap<number>();

/**
 * IPv6 addresses in every text form (compressed, with a zone or a port, in
 * brackets, IPv4-mapped) and MAC addresses (`00:1a:2b:3c:4d:5e`,
 * `00-1A-2B-3C-4D-5E`). A `::` or five colons between hex groups start a look
 * at their run of hex digits, colons and dots (so times like `10:15:32` are
 * passed over at once); the run must parse
 * and hold a digit and three hex digits (`cafe::`, `pool-1::` are not
 * addresses). The dotted tail of `::ffff:192.0.2.1` is left to the IPv4
 * finder, so it gets the same pseudonym as the plain address; `::` and `::1`
 * stay.
 */
export function findIPv6AndMac(w: ScanWindow, out: Span[]): void {
  const { text, lower, len } = w;
  let done = w.from;
  for (let at = text.indexOf('::', w.from); at >= 0 && at < len; at = text.indexOf('::', Math.max(at + 2, done))) {
    if (at >= done) done = examineRun(text, at, w.from, len, out);
  }
  done = w.from;
  GROUPS.lastIndex = w.from;
  while (GROUPS.test(lower)) {
    const at = GROUPS.lastIndex - 1;
    if (at < done) continue;
    if (lower.charCodeAt(at) === 58) {
      done = examineRun(text, at, w.from, len, out);
      if (GROUPS.lastIndex < done) GROUPS.lastIndex = done;
    } else {
      done = examineDashes(w, at, out);
    }
  }
}

/** A dashed MAC address (`00-1A-2B-3C-4D-5E`) around the dash at `at`, alone in its word; returns where it ends. */
function examineDashes(w: ScanWindow, at: number, out: Span[]): number {
  const { text, lower } = w;
  let start = at;
  while (start > w.from && isHexOrDash(lower.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < w.len && isHexOrDash(lower.charCodeAt(end))) end++;
  if (end - start === 17 && MAC_DASHED.test(lower.slice(start, end))) {
    if (!isWordOrDash(text.charCodeAt(start - 1)) && !isWordOrDash(text.charCodeAt(end))) {
      out.push(new Span(start, end, 'mac', PRIO_PII, SpanKind.Mac));
    }
  }
  return end;
}

function isHexOrDash(c: number): boolean {
  return isHex(c) || c === 45;
}

/** Looks at the run of hex digits, colons and dots around `at`; returns where the run ends. */
function examineRun(text: string, at: number, min: number, len: number, out: Span[]): number {
  let start = at;
  while (start > min && at - start < MAX_RUN && (flagsOf(text.charCodeAt(start - 1)) & HEX_RUN) !== 0) start--;
  let end = at + 1;
  let colons = 1;
  let double = false;
  while (end < len && end - at < MAX_RUN && (flagsOf(text.charCodeAt(end)) & HEX_RUN) !== 0) {
    if (text.charCodeAt(end) === 58) {
      colons++;
      if (text.charCodeAt(end - 1) === 58) double = true;
    }
    end++;
  }
  const runEnd = end;
  if (text.charCodeAt(at - 1) === 58) double = true;
  for (let i = start; i < at; i++) if (text.charCodeAt(i) === 58) colons++;
  if (!double && colons < 5) return runEnd;
  // Punctuation around an address is not part of it: `ip:2001:db8::1`, `fe80::1.`, `... 2001:db8::1:`.
  while (start < end && text.charCodeAt(start) === 46) start++;
  if (text.charCodeAt(start) === 58 && text.charCodeAt(start + 1) !== 58) start++;
  while (end > start && text.charCodeAt(end - 1) === 46) end--;
  if (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
  // Postfix writes `[IPv6:2a08:...]`: the `6:` belongs to the word before.
  if (isLetterOrUnderscore(text.charCodeAt(start - 1))) {
    const colon = text.indexOf(':', start);
    if (colon < 0 || colon + 1 >= end) return runEnd;
    start = colon + 1;
  }
  if (isLetterOrUnderscore(text.charCodeAt(end))) return runEnd;

  // netstat prints `addr:port` for tcp6 and udp6, nginx `$remote_addr:$remote_port`: a port is no group.
  const portColon = text.lastIndexOf(':', end - 1);
  // With a zone (`fe80::1%eth0:123`) the port comes after the zone, outside the run.
  if (portColon > start && text.charCodeAt(end) !== 37 && isDecimal(text, portColon + 1, end)) {
    if (end - portColon - 1 === 5 || isNetstatLine(text, start)) end = portColon;
  }
  let verdict = verdicts.get(text, start, end);
  if (verdict === undefined) {
    verdict = judge(text.slice(start, end));
    if (verdicts.size >= CACHE_LIMIT) verdicts.clear();
    verdicts.set(text, start, end, verdict);
  }
  if (verdict === MAC) out.push(new Span(start, end, 'mac', PRIO_PII, SpanKind.Mac));
  else if (verdict === IPV6) out.push(new Span(start, end, 'ipv6', PRIO_PII, SpanKind.IPv6));
  return runEnd;
}

function isDecimal(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether the line of `at` starts with tcp6 or udp6 (netstat prints addresses within its first 80 columns). */
function isNetstatLine(text: string, at: number): boolean {
  let lineStart = at;
  while (lineStart > 0 && at - lineStart < 200 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  return text.startsWith('tcp6', lineStart) || text.startsWith('udp6', lineStart);
}

function judge(candidate: string): number {
  if (MAC_COLON.test(candidate)) return MAC;
  // A digit, and at least three hex digits: `cafe::` and `pool-1::` (thread names) are not addresses.
  if (!/\d/.test(candidate) || candidate.replace(/[:.]/g, '').length < 3) return NOT_ADDRESS;
  const bytes = parseIPv6(candidate);
  if (bytes === null || isKeptV6(bytes)) return NOT_ADDRESS;
  return isV4Mapped(bytes) && candidate.includes('.') ? NOT_ADDRESS : IPV6;
}

function isKeptV6(bytes: Uint8Array): boolean {
  return bytes.every((byte, i) => byte === 0 || (i === 15 && byte === 1));
}

function isV4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

function isLetterOrUnderscore(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordOrDash(c: number): boolean {
  return isLetterOrUnderscore(c) || (c >= 48 && c <= 57) || c === 45;
}
