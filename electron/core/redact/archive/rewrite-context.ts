import type { Transform, Writable } from 'node:stream';
import type { ContentContext } from './read-context';

/** What the redacting pass needs besides the bytes: the engine's streams and what the learning pass decided. */
export interface RewriteContext extends ContentContext {
  /** The engine's redacting transform for the text at `path`. */
  redact(path: string): Transform;
  /** The engine's scanner for an included binary at `path`. */
  scanBinary(path: string): Writable;
  includeBinary: boolean;
  /** Members the learning pass left out (binary, refused, damaged), by path, with the reason. */
  leftOut: ReadonlyMap<string, string>;
  /** Called for each member skipped because of `leftOut`. */
  onLeftOut(path: string, reason: string): void;
}

/** The input changed between the learning and the redacting pass. */
export function changedBetweenPasses(path: string, what: string): Error {
  return new Error(`${path} changed while it was being redacted (${what}); run again on a copy that does not change`);
}
