import { PRIO_PEM, Span, SpanKind, type OpenState, type ScanWindow } from './span';

const BEGIN = /-----BEGIN ([A-Z0-9 ]{1,40})-----/y;
// What a PEM body may hold: base64, line breaks (also written as `\n` inside JSON), RFC 1421 headers.
const NOT_BODY = /[^A-Za-z0-9+/=\s\\:,-]/g;
/** Bytes kept back at the end of a window while a block is open, so an END line cut in two is still found. */
export const PEM_TAIL = 128;

export function pemRule(label: string): string {
  if (label.includes('PRIVATE KEY')) return 'pem-private-key';
  if (label.includes('CERTIFICATE')) return 'pem-certificate';
  return 'pem';
}

/**
 * PEM blocks (keys, certificates, requests), replaced whole from BEGIN to END.
 * A block without its END (cut off) ends before the first line that is not
 * PEM; one that goes on past the window stays open, and the scanner drops what
 * follows until its END without holding it.
 */
export function findPem(w: ScanWindow, out: Span[]): void {
  const { text, len } = w;
  for (let at = text.indexOf('-----BEGIN ', w.from); at >= 0 && at < len; at = text.indexOf('-----BEGIN ', at + 1)) {
    BEGIN.lastIndex = at;
    const m = BEGIN.exec(text);
    if (m === null) continue;
    const label = m[1] ?? '';
    const bodyStart = at + m[0].length;
    const endMarker = `-----END ${label}-----`;
    const found = pemEnd(text, bodyStart, endMarker, w.final);
    const rule = pemRule(label);
    if (found.open) {
      const end = Math.max(bodyStart, len - PEM_TAIL);
      const open: OpenState = { kind: 'pem', endMarker };
      out.push(new Span(at, end, rule, PRIO_PEM, SpanKind.Marker, open));
      return;
    }
    out.push(new Span(at, found.end, rule, PRIO_PEM, SpanKind.Marker));
    at = found.end - 1;
  }
}

/**
 * Where a PEM body that goes on at `from` ends: after its END line, before
 * the first line that cannot be PEM, or nowhere yet (`open`).
 */
export function pemEnd(text: string, from: number, endMarker: string, final: boolean): { end: number; open: boolean } {
  const endAt = text.indexOf(endMarker, from);
  NOT_BODY.lastIndex = from;
  const bad = NOT_BODY.exec(text);
  const badAt = bad === null ? -1 : bad.index;
  if (endAt >= 0 && (badAt < 0 || badAt >= endAt)) return { end: endAt + endMarker.length, open: false };
  if (badAt >= 0) {
    const lineStart = text.lastIndexOf('\n', badAt - 1) + 1;
    return { end: lineStart > from ? lineStart : badAt, open: false };
  }
  return final ? { end: text.length, open: false } : { end: text.length, open: true };
}
