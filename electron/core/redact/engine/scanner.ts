import { continueValue } from './key-value';
import { PEM_TAIL, pemEnd } from './pem-finder';
import type { Finder, OpenState, ScanWindow, Span } from './span';
import { safeCut, type Step, type Tuning } from './window-feeder';

/** Where kept spans go: their replacement text (counted, rendered) and the finished output. */
export interface ScanSink {
  /** Whether the output text is needed at all (not for a binary that is only scanned). */
  readonly wantsOutput: boolean;
  replace(span: Span, offset: number, window: ScanWindow): string;
  output(bytes: Buffer): void;
}

/** The bytes of [from, cut) with each kept span replaced: one buffer, short runs copied by hand. */
function assemble(
  bytes: Buffer,
  from: number,
  cut: number,
  spans: Span[],
  replacements: string[],
  grow: number,
): Buffer {
  const out = Buffer.allocUnsafe(cut - from + grow);
  let o = 0;
  let at = from;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    o = copyRange(bytes, at, span.start, out, o);
    const text = replacements[i] ?? '';
    if (text.length > 64) o += out.write(text, o, 'latin1');
    else for (let k = 0; k < text.length; k++) out[o++] = text.charCodeAt(k);
    at = span.end;
  }
  copyRange(bytes, at, cut, out, o);
  return out;
}

function copyRange(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
  if (end - start > 48) return at + from.copy(to, at, start, end);
  for (let i = start; i < end; i++) to[at++] = from[i] ?? 0;
  return at;
}

// Earlier start first; at the same start a secret before personal data, then the longer span.
function byPosition(a: Span, b: Span): number {
  return a.start - b.start || b.prio - a.prio || b.end - b.start - (a.end - a.start);
}

/**
 * One pass of the finders over a stream, window by window: spans are sorted,
 * an earlier span wins over any that overlaps it, and only spans starting
 * before the window's safe cut are kept (the rest are found again, with more
 * context, in the next window). A kept span may end past the cut; one that
 * runs past the window (a PEM block, a long value) leaves an open state and
 * the next windows drop text until it ends.
 */
export class Scanner {
  private state: OpenState | null = null;
  readonly step: Step;

  constructor(
    private readonly finders: Finder[],
    private readonly tuning: Tuning,
    private readonly sink: ScanSink,
  ) {
    this.step = (text, from, final, base, bytes) => this.scan(text, from, final, base, bytes);
  }

  private scan(text: string, from: number, final: boolean, base: number, bytes: Buffer): number {
    const len = text.length;
    let pos = from;
    if (this.state !== null) {
      const { end, done } = this.continueOpen(this.state, text, pos, final);
      pos = end;
      if (!done) return pos;
      this.state = null;
    }
    const cut0 = final ? len : safeCut(text, pos, len - this.tuning.ahead);
    const window: ScanWindow = {
      text,
      lower: text.toLowerCase(),
      from: pos,
      scanFrom: Math.max(0, pos - (this.tuning.lookbehind >> 1)),
      len,
      final,
    };
    const spans: Span[] = [];
    for (const finder of this.finders) finder(window, spans);
    spans.sort(byPosition);

    const kept: Span[] = [];
    const replacements: string[] = [];
    let grow = 0;
    let prev = pos;
    for (const span of spans) {
      if (span.start < prev) continue;
      if (span.start >= cut0) break;
      const replacement = this.sink.replace(span, base + span.start, window);
      kept.push(span);
      replacements.push(replacement);
      grow += replacement.length - (span.end - span.start);
      prev = span.end;
      if (span.open !== null) {
        this.state = span.open;
        break;
      }
    }
    const cut = Math.max(cut0, prev);
    if (this.sink.wantsOutput) this.sink.output(assemble(bytes, pos, cut, kept, replacements, grow));
    return cut;
  }

  /** Drops the rest of an open span: returns where it ends, or how far it went on (`done` false). */
  private continueOpen(state: OpenState, text: string, from: number, final: boolean): { end: number; done: boolean } {
    if (state.kind === 'pem') {
      const found = pemEnd(text, from, state.endMarker, final);
      if (!found.open) return { end: found.end, done: true };
      return { end: Math.max(from, text.length - PEM_TAIL), done: false };
    }
    const found = continueValue(state, text, from);
    if (found.done || final) return { end: found.end, done: true };
    this.state = { ...state, escaped: found.escaped };
    return { end: found.end, done: false };
  }
}
