/** Byte -> lower-case byte, as String.prototype.toLowerCase does for Latin-1 (A-Z and À-Þ except ×). */
export const LOWER_BYTE = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  LOWER_BYTE[b] = (b >= 65 && b <= 90) || (b >= 0xc0 && b <= 0xde && b !== 0xd7) ? b + 32 : b;
}

/**
 * Aho-Corasick over bytes, case-insensitive, compiled into a dense automaton
 * (one row of next states per state, over the bytes the patterns use), so a
 * scan costs one table lookup a byte and carries across chunks in one number.
 */
export class AhoCorasick {
  readonly patternLengths: Int32Array;
  private readonly symbolOf = new Uint8Array(256);
  private readonly width: number;
  private readonly next: Int32Array;
  /** The pattern that ends at each state, or -1. */
  private readonly ends: Int32Array;
  /** The nearest state down the failure chain where a pattern ends, or -1. */
  private readonly moreEnds: Int32Array;
  /** This state if a pattern ends here, else moreEnds: the first state to report. */
  private readonly firstEnd: Int32Array;

  /** `patterns`: lower-case Latin-1 strings (one code unit per byte), none empty. */
  constructor(patterns: string[]) {
    this.patternLengths = Int32Array.from(patterns, (p) => p.length);
    let symbols = 1;
    const symbolOfLower = new Uint8Array(256);
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i) & 0xff;
        if (symbolOfLower[c] === 0) symbolOfLower[c] = symbols++;
      }
    }
    if (symbols > 255) throw new RangeError('too many distinct bytes in the patterns');
    for (let b = 0; b < 256; b++) this.symbolOf[b] = symbolOfLower[LOWER_BYTE[b] ?? b] ?? 0;
    this.width = symbols;

    const trie: Map<number, number>[] = [new Map()];
    const endsList: number[] = [-1];
    patterns.forEach((pattern, id) => {
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const symbol = symbolOfLower[pattern.charCodeAt(i) & 0xff] ?? 0;
        const row = trie[state] ?? new Map<number, number>();
        let to = row.get(symbol);
        if (to === undefined) {
          to = trie.length;
          trie.push(new Map());
          endsList.push(-1);
          row.set(symbol, to);
        }
        state = to;
      }
      if (endsList[state] === -1) endsList[state] = id;
    });

    const states = trie.length;
    this.next = new Int32Array(states * this.width);
    this.ends = Int32Array.from(endsList);
    this.moreEnds = new Int32Array(states).fill(-1);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (const [symbol, to] of trie[0] ?? []) {
      this.next[symbol] = to;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const failState = fail[state] ?? 0;
      this.moreEnds[state] = (this.ends[failState] ?? -1) >= 0 ? failState : (this.moreEnds[failState] ?? -1);
      const row = trie[state] ?? new Map<number, number>();
      for (let symbol = 0; symbol < this.width; symbol++) {
        const to = row.get(symbol);
        const viaFail = this.next[failState * this.width + symbol] ?? 0;
        if (to === undefined) {
          this.next[state * this.width + symbol] = viaFail;
        } else {
          this.next[state * this.width + symbol] = to;
          fail[to] = viaFail;
          queue.push(to);
        }
      }
    }
    this.firstEnd = Int32Array.from(this.ends, (end, state) => (end >= 0 ? state : (this.moreEnds[state] ?? -1)));
  }

  get stateCount(): number {
    return this.ends.length;
  }

  /**
   * Feeds `bytes` from automaton state `state`; calls `found(pattern, end)` for
   * every pattern ending at byte index `end` (exclusive). Returns the new state.
   */
  scan(bytes: Uint8Array, state: number, found: (pattern: number, end: number) => void): number {
    const { next, symbolOf, width, ends, moreEnds, firstEnd } = this;
    let s = state;
    for (let i = 0; i < bytes.length; i++) {
      s = next[s * width + (symbolOf[bytes[i] ?? 0] ?? 0)] ?? 0;
      let e = firstEnd[s] ?? -1;
      while (e >= 0) {
        found(ends[e] ?? 0, i + 1);
        e = moreEnds[e] ?? -1;
      }
    }
    return s;
  }
}
