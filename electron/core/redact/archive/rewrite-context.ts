import type { Transform, Writable } from 'node:stream';
import type { ContentContext } from './read-context';

/**
 * Where a file or member is: `path` as in the input (what the learning pass
 * decided is keyed by it), `shown` with names redacted (as written, counted
 * and reported).
 */
export interface At {
  path: string;
  shown: string;
}

/** What the redacting pass needs besides the bytes: the engine's streams and what the learning pass decided. */
export interface RewriteContext extends ContentContext {
  /** The engine's redacting transform for the text shown as `shown`. */
  redact(shown: string): Transform;
  /** The engine's scanner for an included binary shown as `shown`. */
  scanBinary(shown: string): Writable;
  /** A member name or link target with what it holds redacted, as the engine does it for text. */
  rename(name: string): Promise<string>;
  includeBinary: boolean;
  /** Members the learning pass left out (binary, refused, damaged), by input path, with the reason. */
  leftOut: ReadonlyMap<string, string>;
  /** Called for each member skipped because of `leftOut`, with its shown path. */
  onLeftOut(shown: string, reason: string): void;
}

/** The input changed between the learning and the redacting pass. */
export function changedBetweenPasses(path: string, what: string): Error {
  return new Error(`${path} changed while it was being redacted (${what}); run again on a copy that does not change`);
}
