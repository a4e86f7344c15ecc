import { Writable } from 'node:stream';
import { AhoCorasick } from './aho-corasick';
import { leakPatterns, type PatternKind } from './leak-originals';
import { checkSecrets } from './leak-rules';
import { checkAddresses, type AddressSets } from './leak-addresses';
import type { MapSnapshot } from './map-snapshot';
import type { LeakFinding, RedactConfig } from './types';
import { DEFAULT_TUNING, safeCut, WindowFeeder, type Tuning } from './window-feeder';

// Enough to act on, bounded so a raw file full of originals cannot fill memory; one noisy file
// does not hide the others.
const MAX_FINDINGS_PER_FILE = 1000;
const MAX_FINDINGS = 100_000;

/**
 * An independent scan of redacted output: secret patterns of its own (see
 * leak-rules.ts), and every original value of the map, found with one
 * Aho-Corasick automaton over the lower-cased bytes (names, users, keywords)
 * or by shape and a set (addresses). A finding names the file, the line and
 * the rule, never the value.
 */
export class LeakChecker {
  private readonly automaton: AhoCorasick | null;
  private readonly patternKinds: PatternKind[];
  private readonly addresses: AddressSets;
  private readonly tuning: Tuning;
  private readonly found: LeakFinding[] = [];
  private readonly seen = new Set<string>();
  private readonly perFile = new Map<string, number>();
  private dropped = 0;

  constructor(map: MapSnapshot, config: RedactConfig, tuning: Partial<Tuning> = {}) {
    const originals = leakPatterns(map, config);
    this.patternKinds = originals.kinds;
    this.automaton = originals.texts.length === 0 ? null : new AhoCorasick(originals.texts);
    this.addresses = originals.addresses;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /** Scans one redacted file. */
  scan(file: string): Writable {
    const originals = this.automaton === null ? null : new OriginalsScan(this.automaton, this.patternKinds);
    let line = 1;
    const feeder = new WindowFeeder((text, from, final) => {
      const cut = final ? text.length : safeCut(text, from, text.length - this.tuning.ahead);
      const lower = text.toLowerCase();
      const hits: [number, string][] = [];
      const report = (position: number, rule: string): void => void hits.push([position, rule]);
      checkSecrets({ text, lower, from, cut }, report);
      checkAddresses({ text, lower, from, cut }, this.addresses, report);
      hits.sort((a, b) => a[0] - b[0]);
      let counted = from;
      for (const [position, rule] of hits) {
        line += countLines(text, counted, position);
        counted = position;
        this.add(file, line, rule);
      }
      line += countLines(text, counted, cut);
      return cut;
    }, this.tuning);
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        originals?.feed(chunk, (at, rule) => this.add(file, at, rule));
        feeder.push(chunk);
        done();
      },
      final: (done) => {
        originals?.finish((at, rule) => this.add(file, at, rule));
        feeder.end();
        done();
      },
    });
  }

  /** Unique by file, line and rule; at most 1000 a file (see `droppedFindings`). */
  findings(): LeakFinding[] {
    return this.found.map((finding) => ({ ...finding }));
  }

  /** Findings beyond those kept, counted but not kept. */
  get droppedFindings(): number {
    return this.dropped;
  }

  private add(file: string, line: number, rule: string): void {
    const key = `${file}\0${line}\0${rule}`;
    if (this.seen.has(key)) return;
    const inFile = this.perFile.get(file) ?? 0;
    if (inFile >= MAX_FINDINGS_PER_FILE || this.found.length >= MAX_FINDINGS) {
      this.dropped++;
      return;
    }
    this.perFile.set(file, inFile + 1);
    this.seen.add(key);
    this.found.push({ file, line, rule });
  }
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

const WORD_BYTE = new Uint8Array(256);
const LOCAL_BYTE = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const alnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
  WORD_BYTE[b] = alnum || b === 95 || b === 45 ? 1 : 0;
  LOCAL_BYTE[b] = alnum || b === 95 || b === 45 || b === 46 || b === 43 || b >= 0x80 ? 1 : 0;
}

/**
 * The streaming half for map originals: the automaton's state carries over
 * chunks; a match at the end of a chunk waits for the next byte to check
 * what follows it.
 */
class OriginalsScan {
  private state = 0;
  private tail: Buffer = Buffer.alloc(0);
  private line = 1;
  private pending: { pattern: number; line: number }[] = [];

  constructor(
    private readonly automaton: AhoCorasick,
    private readonly kinds: PatternKind[],
  ) {}

  feed(chunk: Buffer, report: (line: number, rule: string) => void): void {
    if (chunk.length === 0) return;
    const first = chunk[0] ?? 0;
    for (const waiting of this.pending) if (WORD_BYTE[first] === 0) report(waiting.line, this.rule(waiting.pattern));
    this.pending = [];
    const tail = this.tail;
    const byteBefore = (i: number): number => (i >= 0 ? (chunk[i] ?? 0) : (tail[tail.length + i] ?? 0x0a));
    let counted = 0;
    this.state = this.automaton.scan(chunk, this.state, (pattern, end) => {
      const start = end - (this.automaton.patternLengths[pattern] ?? 0);
      if (!this.leftBoundaryOk(pattern, byteBefore(start - 1))) return;
      for (let i = chunk.indexOf(10, counted); i >= 0 && i < end; i = chunk.indexOf(10, i + 1)) this.line++;
      counted = end;
      if (end === chunk.length) {
        if (this.needsRightBoundary(pattern)) this.pending.push({ pattern, line: this.line });
        else report(this.line, this.rule(pattern));
      } else if (!this.needsRightBoundary(pattern) || WORD_BYTE[chunk[end] ?? 0] === 0) {
        report(this.line, this.rule(pattern));
      }
    });
    for (let i = chunk.indexOf(10, counted); i >= 0; i = chunk.indexOf(10, i + 1)) this.line++;
    const keep = Math.min(chunk.length, 1024);
    this.tail = Buffer.from(chunk.subarray(chunk.length - keep));
  }

  finish(report: (line: number, rule: string) => void): void {
    for (const waiting of this.pending) report(waiting.line, this.rule(waiting.pattern));
    this.pending = [];
  }

  private rule(pattern: number): string {
    return `original-${this.kinds[pattern] ?? 'value'}`;
  }

  private needsRightBoundary(pattern: number): boolean {
    return this.kinds[pattern] !== 'keyword';
  }

  private leftBoundaryOk(pattern: number, byte: number): boolean {
    switch (this.kinds[pattern]) {
      case 'keyword':
        return true;
      case 'email':
        return LOCAL_BYTE[byte] === 0;
      default:
        // A domain may follow a dot (a host under it); a word may not be glued to another.
        return WORD_BYTE[byte] === 0;
    }
  }
}
