import type { Pseudonymizer } from './pseudonymizer';
import { SpanKind, type Span } from './span';
import { TextMap } from './text-map';

/** The marker that replaces a secret: fixed text naming the rule, never anything of the value. */
export function markerText(rule: string): string {
  let text = markers.get(rule);
  if (text === undefined) {
    text = `[REDACTED:${rule}]`;
    markers.set(rule, text);
  }
  return text;
}

const markers = new Map<string, string>();
const DC_SEPARATOR = /,[ \t]*dc=/i;

/**
 * Writes the replacement of each kept span; pseudonyms are handed out (and
 * recorded) only here. The same text in the same kind of span always gets the
 * same replacement, so each (kind, text) is worked out once and then found by
 * position (see TextMap): case-insensitively for names and addresses, as
 * written for IP and MAC addresses and DNs, whose replacement keeps the
 * original's style.
 */
export class Renderer {
  private readonly memos: TextMap<string>[] = [];
  /** IPv4 replacements by the address as a number: the commonest span, and cheaper to key than to hash. */
  private readonly ipv4 = new Map<number, string>();
  private readonly custom = new Map<string, TextMap<string>>();

  constructor(private readonly pseudonyms: Pseudonymizer) {
    for (let kind = 0; kind <= SpanKind.LdapDc; kind++) this.memos.push(new TextMap());
  }

  render(span: Span, text: string, lower: string): string {
    const { kind, start, end } = span;
    if (kind === SpanKind.Marker) return markerText(span.rule);
    if (kind === SpanKind.IPv4) return this.renderIPv4(text, start, end);
    const source = kind === SpanKind.IPv6 || kind === SpanKind.Mac || kind === SpanKind.LdapDc ? text : lower;
    let memo = this.memos[kind] as TextMap<string>;
    if (kind === SpanKind.Custom) memo = this.customMemo(span.rule);
    let written = memo.get(source, start, end);
    if (written === undefined) {
      written = this.compute(kind, source.slice(start, end), span.rule);
      memo.set(source, start, end, written);
    }
    return written;
  }

  private compute(kind: SpanKind, original: string, rule: string): string {
    const pseudonyms = this.pseudonyms;
    switch (kind) {
      case SpanKind.Email:
        return pseudonyms.email(original);
      case SpanKind.EncodedEmail: {
        const twice = original.lastIndexOf('%2540');
        const separator = twice >= 0 ? '%2540' : '%40';
        const at = twice >= 0 ? twice : original.lastIndexOf('%40');
        const address = `${original.slice(0, at)}@${original.slice(at + separator.length)}`;
        return pseudonyms.email(address).replace('@', separator);
      }
      case SpanKind.Name:
        return pseudonyms.name(original);
      case SpanKind.ShortHost:
        return pseudonyms.shortHost(original);
      case SpanKind.User:
        return pseudonyms.user(original);
      case SpanKind.Device:
        return pseudonyms.device(original);
      case SpanKind.Keyword:
        return pseudonyms.keyword(original);
      case SpanKind.Custom:
        return pseudonyms.custom(rule, original);
      case SpanKind.IPv4:
        return pseudonyms.address('ipv4', original);
      case SpanKind.IPv6:
        return pseudonyms.address('ipv6', original);
      case SpanKind.Mac:
        return pseudonyms.address('mac', original);
      case SpanKind.LdapDc: {
        const separator = DC_SEPARATOR.exec(original)?.[0] ?? ',dc=';
        const domain = original
          .toLowerCase()
          .split(/,[ \t]*dc=/)
          .join('.');
        return pseudonyms.name(domain).split('.').join(separator);
      }
      default:
        return markerText(rule);
    }
  }

  private renderIPv4(text: string, start: number, end: number): string {
    let address = 0;
    let part = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 46) {
        address = address * 256 + part;
        part = 0;
      } else {
        part = part * 10 + (c - 48);
      }
    }
    address = address * 256 + part;
    let written = this.ipv4.get(address);
    if (written === undefined) {
      written = this.pseudonyms.address('ipv4', text.slice(start, end));
      this.ipv4.set(address, written);
    }
    return written;
  }

  private customMemo(rule: string): TextMap<string> {
    let memo = this.custom.get(rule);
    if (memo === undefined) {
      memo = new TextMap();
      this.custom.set(rule, memo);
    }
    return memo;
  }
}
