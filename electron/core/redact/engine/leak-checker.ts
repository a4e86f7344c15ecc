import { Writable } from 'node:stream';
import { checkAddresses } from './leak-addresses';
import { OriginalPatterns } from './leak-originals';
import { checkSecrets } from './leak-rules';
import type { MapSnapshot } from './map-snapshot';
import type { LeakFinding, RedactConfig } from './types';
import { DEFAULT_TUNING, safeCut, WindowFeeder, type Tuning } from './window-feeder';

// Enough to act on, bounded so a raw file full of originals cannot fill memory; one noisy file
// does not hide the others.
const MAX_FINDINGS_PER_FILE = 1000;
const MAX_FINDINGS = 100_000;

/**
 * An independent scan of redacted output: secret patterns of its own (see
 * leak-rules.ts), and every original value of the map, found together with one
 * trie-shaped regular expression over the lower-cased text (names, users,
 * keywords) or by shape and a set (addresses). A finding names the file, the
 * line and the rule, never the value.
 */
export class LeakChecker {
  private readonly originals: OriginalPatterns;
  private readonly tuning: Tuning;
  private readonly found: LeakFinding[] = [];
  private readonly seen = new Set<string>();
  private readonly perFile = new Map<string, number>();
  private dropped = 0;

  constructor(map: MapSnapshot, config: RedactConfig, tuning: Partial<Tuning> = {}) {
    this.originals = new OriginalPatterns(map, config);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /** Scans one redacted file. */
  scan(file: string): Writable {
    let line = 1;
    const feeder = new WindowFeeder((text, from, final) => {
      const cut = final ? text.length : safeCut(text, from, text.length - this.tuning.ahead);
      const window = { text, lower: text.toLowerCase(), from, cut };
      const hits: [number, string][] = [];
      const report = (position: number, rule: string): void => void hits.push([position, rule]);
      checkSecrets(window, report);
      checkAddresses(window, this.originals.addresses, report);
      this.originals.check(window, report);
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
        try {
          feeder.push(chunk);
          done();
        } catch (err) {
          done(err instanceof Error ? err : new Error(String(err)));
        }
      },
      final: (done) => {
        try {
          feeder.end();
          done();
        } catch (err) {
          done(err instanceof Error ? err : new Error(String(err)));
        }
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
