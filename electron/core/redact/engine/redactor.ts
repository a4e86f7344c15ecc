import { Transform, Writable } from 'node:stream';
import { printableText } from './binary-text';
import { findEmails } from './email-finder';
import { makeExtraRuleFinders } from './extra-rule-finder';
import { findIPv4 } from './ipv4-finder';
import { findIPv6AndMac } from './ipv6-finder';
import { makeKeyFinder } from './key-finder';
import { KeyTable } from './key-table';
import { makeLearnStep } from './learner';
import { makeLiteralFinder } from './literal-finder';
import type { MapSnapshot } from './map-snapshot';
import { findPem } from './pem-finder';
import { findPhrases } from './phrase-finder';
import { Pseudonymizer } from './pseudonymizer';
import { Renderer } from './render';
import { Scanner, type ScanSink } from './scanner';
import type { Finder } from './span';
import { findSyslogHosts } from './syslog-finder';
import { findTokens } from './token-finder';
import type { BinaryFinding, RedactConfig, RedactOutcome } from './types';
import { mergeVocabulary, VocabularyBuilder } from './vocabulary';
import { DEFAULT_TUNING, WindowFeeder, type Tuning } from './window-feeder';

/**
 * The text engine of one worker. Built from a map snapshot and the run's
 * configuration; every stream it hands out shares the pseudonyms and the
 * counts, and `outcome()` reports them as plain data. Two Redactors built from
 * the same snapshot give the same output for the same input.
 */
export class Redactor {
  private readonly pseudonyms: Pseudonymizer;
  private readonly renderer: Renderer;
  private readonly tuning: Tuning;
  private readonly learned = new VocabularyBuilder();
  private readonly counts = new Map<string, Record<string, number>>();
  private readonly findings = new Map<string, BinaryFinding>();
  private readonly keywords: string[];
  private readonly fixedFinders: Finder[];
  private readonly keys: KeyTable;
  private finders: Finder[] | null = null;

  constructor(
    private readonly map: MapSnapshot,
    config: RedactConfig,
    tuning: Partial<Tuning> = {},
  ) {
    this.pseudonyms = new Pseudonymizer(map);
    this.renderer = new Renderer(this.pseudonyms);
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const rules = config.extraRules;
    this.keywords = [...config.keywords, ...rules.flatMap((rule) => (rule.kind === 'keyword' ? [rule.value] : []))];
    const secretKeys = rules.flatMap((rule) => (rule.kind === 'secret-key' ? [rule.key] : []));
    this.keys = new KeyTable(secretKeys);
    this.fixedFinders = [
      findPem,
      makeKeyFinder(secretKeys),
      findTokens,
      ...makeExtraRuleFinders(rules),
      findEmails,
      findIPv4,
      findIPv6AndMac,
      findSyslogHosts,
      findPhrases,
    ];
  }

  /** Pass 1: reads a text stream and learns the customer's names from it. */
  learn(_file: string): Writable {
    return feederWritable(
      new WindowFeeder(makeLearnStep(this.learned, this.keys, this.tuning), this.tuning),
      (chunk) => chunk,
    );
  }

  /** Pass 2: bytes in, redacted bytes out; every byte outside a replaced span passes unchanged. */
  redact(file: string): Transform {
    const counts = this.countsOf(file);
    let transform: Transform | null = null;
    const sink: ScanSink = {
      wantsOutput: true,
      replace: (span, _offset, window) => {
        counts[span.rule] = (counts[span.rule] ?? 0) + 1;
        return this.renderer.render(span, window.text, window.lower);
      },
      output: (bytes) => {
        if (bytes.length > 0) transform?.push(bytes);
      },
    };
    const feeder = new WindowFeeder(new Scanner(this.redactFinders(), this.tuning, sink).step, this.tuning);
    transform = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          feeder.push(chunk);
          done();
        } catch (err) {
          done(err instanceof Error ? err : new Error(String(err)));
        }
      },
      flush(done) {
        try {
          feeder.end();
          done();
        } catch (err) {
          done(err instanceof Error ? err : new Error(String(err)));
        }
      },
    });
    return transform;
  }

  /** A binary included as it is: its printable strings are scanned and findings recorded (never values). */
  scanBinary(file: string): Writable {
    const sink: ScanSink = {
      wantsOutput: false,
      replace: (span, offset) => {
        const key = `${file}\0${span.rule}`;
        const found = this.findings.get(key);
        if (found === undefined) this.findings.set(key, { file, rule: span.rule, count: 1, firstOffset: offset });
        else found.count++;
        return '';
      },
      output: () => undefined,
    };
    const feeder = new WindowFeeder(new Scanner(this.redactFinders(), this.tuning, sink).step, this.tuning);
    return feederWritable(feeder, printableText);
  }

  outcome(): RedactOutcome {
    return {
      counts: Object.fromEntries([...this.counts].map(([file, rules]) => [file, { ...rules }])),
      newEntries: this.pseudonyms.newEntries(),
      vocabulary: this.learned.newSince(this.map.vocabulary),
      binaryFindings: [...this.findings.values()].map((finding) => ({ ...finding })),
    };
  }

  private countsOf(file: string): Record<string, number> {
    let counts = this.counts.get(file);
    if (counts === undefined) {
      // Keys are rule names (letters, digits, hyphens): no prototype to collide with.
      counts = Object.create(null) as Record<string, number>;
      this.counts.set(file, counts);
    }
    return counts;
  }

  /** The learned names are looked for in every file: built once, from the snapshot and what this Redactor learned. */
  private redactFinders(): Finder[] {
    if (this.finders === null) {
      const vocabulary = mergeVocabulary(this.map.vocabulary, this.learned.newSince(this.map.vocabulary));
      const literal = makeLiteralFinder(vocabulary, this.keywords);
      this.finders = literal === null ? this.fixedFinders : [...this.fixedFinders, literal];
    }
    return this.finders;
  }
}

function feederWritable(feeder: WindowFeeder, decode: (chunk: Buffer) => Buffer): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        feeder.push(decode(chunk));
        done();
      } catch (err) {
        done(err instanceof Error ? err : new Error(String(err)));
      }
    },
    final(done) {
      try {
        feeder.end();
        done();
      } catch (err) {
        done(err instanceof Error ? err : new Error(String(err)));
      }
    },
  });
}
