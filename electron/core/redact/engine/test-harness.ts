// Drives the engine the way the orchestrator does (pass 1 learn, merge, pass 2
// redact with a fresh Redactor from the merged map) on in-memory text, for
// the engine's own tests.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LeakChecker } from './leak-checker';
import { newMapSnapshot, type MapSnapshot } from './map-snapshot';
import { mergeOutcomes } from './outcome';
import { Redactor } from './redactor';
import type { LeakFinding, RedactConfig, RedactOutcome } from './types';
import type { Tuning } from './window-feeder';

export const NO_CONFIG: RedactConfig = { keywords: [], extraRules: [] };

/** Windows small enough that a few hundred bytes of test text span several of them. */
export const TINY_TUNING: Tuning = { window: 16, ahead: 600, lookbehind: 1100 };

export interface RedactOptions {
  map?: MapSnapshot;
  config?: RedactConfig;
  /** Run pass 1 over the same text first (default true). */
  learn?: boolean;
  /** Text pass 1 learns from instead of the input. */
  learnFrom?: string | Buffer;
  /** Chunk sizes of the input stream, cycled (default: one chunk). */
  chunks?: number[];
  tuning?: Partial<Tuning>;
}

export interface RedactResult {
  output: Buffer;
  /** The output as Latin-1 (one character per byte). */
  text: string;
  outcome: RedactOutcome;
  /** The map with what both passes learned and handed out. */
  map: MapSnapshot;
}

export function bytesOf(input: string | Buffer): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
}

export function* chunked(bytes: Buffer, sizes: number[] = [bytes.length || 1]): Generator<Buffer> {
  let i = 0;
  for (let at = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export function collect(into: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      into.push(chunk);
      done();
    },
  });
}

export async function redactText(input: string | Buffer, options: RedactOptions = {}): Promise<RedactResult> {
  const config = options.config ?? NO_CONFIG;
  let map = options.map ?? newMapSnapshot();
  if (options.learn ?? true) {
    const learner = new Redactor(map, config, options.tuning);
    await pipeline(Readable.from(chunked(bytesOf(options.learnFrom ?? input), options.chunks)), learner.learn('input'));
    map = mergeOutcomes(map, [learner.outcome()]);
  }
  const redactor = new Redactor(map, config, options.tuning);
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunked(bytesOf(input), options.chunks)), redactor.redact('input'), collect(parts));
  const output = Buffer.concat(parts);
  const outcome = redactor.outcome();
  return { output, text: output.toString('latin1'), outcome, map: mergeOutcomes(map, [outcome]) };
}

/** The leak check over one text. */
export async function leaksIn(
  text: string | Buffer,
  map: MapSnapshot,
  config: RedactConfig = NO_CONFIG,
  tuning?: Partial<Tuning>,
): Promise<LeakFinding[]> {
  const checker = new LeakChecker(map, config, tuning);
  await pipeline(Readable.from(chunked(bytesOf(text), [4096])), checker.scan('input'));
  return checker.findings();
}
