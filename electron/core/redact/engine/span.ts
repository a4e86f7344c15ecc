// A window of text under scan and the spans found in it. Finders look at the
// whole window (it has bounded look-behind and look-ahead around the part
// being decided) and push spans; the scanner decides which ones are kept.

/** How a span is written out; `render.ts` turns (kind, a, b) into text. */
export const SpanKind = {
  Marker: 0,
  Email: 1,
  EncodedEmail: 2,
  Name: 3,
  ShortHost: 4,
  User: 5,
  Device: 6,
  Keyword: 7,
  Custom: 8,
  IPv4: 9,
  IPv6: 10,
  Mac: 11,
  LdapDc: 12,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export const PRIO_PII = 1;
export const PRIO_SECRET = 2;
export const PRIO_PEM = 3;

export type ValueTerminator = 'eol' | 'xml' | 'inline' | 'dquote' | 'squote';

/** A replaced span that runs past the window: the rest is dropped in the next windows until it ends. */
export type OpenState = { kind: 'pem'; endMarker: string } | { kind: 'value'; end: ValueTerminator; escaped: boolean };

/** A span to replace; its replacement is worked out from the window text it covers (see Renderer). */
export class Span {
  constructor(
    readonly start: number,
    readonly end: number,
    /** Counted in the report; for a pseudonym rule of a rules file, also the rule the tag belongs to. */
    readonly rule: string,
    readonly prio: number,
    readonly kind: SpanKind,
    readonly open: OpenState | null = null,
  ) {}
}

export interface ScanWindow {
  /** Latin-1: one code unit per byte, so indexes are byte offsets. */
  readonly text: string;
  /** `text.toLowerCase()`, same length. */
  readonly lower: string;
  /** Spans must start here or later; text before is look-behind only. */
  readonly from: number;
  /** Where finders whose trigger comes before the span (a key before its value) start looking. */
  readonly scanFrom: number;
  readonly len: number;
  /** Nothing follows the window: no span may be left open. */
  readonly final: boolean;
}

export type Finder = (window: ScanWindow, out: Span[]) => void;

/** A fixed marker for a secret. */
export function marker(start: number, end: number, rule: string, open: OpenState | null = null): Span {
  return new Span(start, end, rule, PRIO_SECRET, SpanKind.Marker, open);
}
