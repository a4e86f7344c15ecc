/** Sizes of the windows text is scanned in; small ones are for tests that cut text everywhere. */
export interface Tuning {
  /** New text to collect before a scan (more means fewer re-scanned tails). */
  window: number;
  /** Look-ahead every span decided in a window has: the longest match and what follows its start. */
  ahead: number;
  /** Text kept before the next window's start, for finders that look back (a key before its value). */
  lookbehind: number;
}

export const DEFAULT_TUNING: Tuning = { window: 256 * 1024, ahead: 8192, lookbehind: 2048 };

/**
 * Decides the text in [from, cut) of a window and returns cut; `base` is the
 * offset of text[0] in the whole stream and `bytes` the window as bytes
 * (`text` is them as Latin-1). When not final it must decide something, and it
 * may use everything up to the window's end to do so.
 */
export type Step = (text: string, from: number, final: boolean, base: number, bytes: Buffer) => number;

/**
 * Collects chunks into windows and keeps what a step left undecided, plus a
 * bounded look-behind, for the next one. Memory stays within a few windows
 * whatever the length of the stream or of its lines.
 */
export class WindowFeeder {
  private carry: Buffer = Buffer.alloc(0);
  private from = 0;
  private base = 0;
  private pending: Buffer[] = [];
  private pendingLength = 0;

  constructor(
    private readonly step: Step,
    private readonly tuning: Tuning,
  ) {}

  /** Bytes; steps see them as Latin-1 text, one code unit per byte. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.carry.length - this.from + this.pendingLength >= this.tuning.window + this.tuning.ahead) this.run(false);
  }

  end(): void {
    this.run(true);
  }

  private run(final: boolean): void {
    // One flat string per window: finders read it by index, and a concatenation of strings would not be flat.
    const bytes = this.pending.length === 0 ? this.carry : Buffer.concat([this.carry, ...this.pending]);
    this.pending = [];
    this.pendingLength = 0;
    const cut = this.step(bytes.toString('latin1'), this.from, final, this.base, bytes);
    const keep = final ? bytes.length : Math.max(0, cut - this.tuning.lookbehind);
    // A copy, so the carry does not pin the whole window's memory.
    this.carry = Buffer.from(bytes.subarray(keep));
    this.base += keep;
    this.from = cut - keep;
  }
}

/**
 * Where to end the part of a window decided now: after the last line break
 * before `limit`, else after the last white space or punctuation that no
 * match runs across, else at `limit` itself (a line of several windows
 * without any of them).
 */
export function safeCut(text: string, from: number, limit: number): number {
  if (limit <= from) return from;
  const newline = text.lastIndexOf('\n', limit - 1);
  if (newline >= from) return newline + 1;
  for (let i = limit - 1; i > from; i--) {
    const c = text.charCodeAt(i);
    // space, tab, CR, " ' < > , ;
    if (c === 32 || c === 9 || c === 13 || c === 34 || c === 39 || c === 60 || c === 62 || c === 44 || c === 59) {
      return i + 1;
    }
  }
  return limit;
}
