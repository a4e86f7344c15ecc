import { Transform, Writable } from 'node:stream';
import {
  emptyEntries,
  emptyVocabulary,
  type BinaryFinding,
  type LeakFinding,
  type RedactOutcome,
} from '../../engine/types';

/**
 * A stand-in for the redaction engine in tests of the plumbing around it:
 * it replaces the marker word SECRET with [REDACTED] (so sizes change),
 * counts per file, and its leak check reports lines that still hold SECRET.
 * The marker may be split across chunks; a tail of MARKER.length - 1 bytes
 * is carried over.
 */
export const MARKER = 'SECRET';
export const REPLACEMENT = '[REDACTED]';
const marker = Buffer.from(MARKER);

function countMarkers(buffer: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(marker); at !== -1; at = buffer.indexOf(marker, at + marker.length)) count++;
  return count;
}

export class MarkerRedactor {
  readonly counts: Record<string, Record<string, number>> = {};
  readonly learned: string[] = [];
  readonly binaryFindings: BinaryFinding[] = [];

  private add(file: string, count: number): void {
    if (count === 0) return;
    const perFile = (this.counts[file] ??= {});
    perFile.marker = (perFile.marker ?? 0) + count;
  }

  learn(file: string): Writable {
    this.learned.push(file);
    return new Writable({ write: (_chunk, _encoding, callback) => callback() });
  }

  redact(file: string): Transform {
    let carry = Buffer.alloc(0);
    const replaceAll = (buffer: Buffer): Buffer => {
      this.add(file, countMarkers(buffer));
      return Buffer.from(buffer.toString('latin1').replaceAll(MARKER, REPLACEMENT), 'latin1');
    };
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        const data = Buffer.concat([carry, chunk]);
        // a tail that is the start of the marker may be completed by the next chunk
        let keep = 0;
        for (let k = Math.min(marker.length - 1, data.length); k > 0; k--) {
          if (data.subarray(data.length - k).equals(marker.subarray(0, k))) {
            keep = k;
            break;
          }
        }
        carry = Buffer.from(data.subarray(data.length - keep));
        callback(null, replaceAll(data.subarray(0, data.length - keep)));
      },
      flush(callback) {
        callback(null, replaceAll(carry));
      },
    });
  }

  scanBinary(file: string): Writable {
    let count = 0;
    let seen = 0;
    let first = -1;
    return new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        const at = chunk.indexOf(marker);
        if (at !== -1 && first === -1) first = seen + at;
        count += countMarkers(chunk);
        seen += chunk.length;
        callback();
      },
      final: (callback) => {
        if (count > 0) this.binaryFindings.push({ file, rule: 'marker', count, firstOffset: first });
        callback();
      },
    });
  }

  outcome(): RedactOutcome {
    return {
      counts: structuredClone(this.counts),
      newEntries: emptyEntries(),
      vocabulary: emptyVocabulary(),
      binaryFindings: [...this.binaryFindings],
    };
  }
}

export class MarkerLeakChecker {
  readonly found: LeakFinding[] = [];

  scan(file: string): Writable {
    let line = 1;
    let pending = '';
    const check = (text: string, final: boolean) => {
      const lines = (pending + text).split('\n');
      pending = final ? '' : (lines.pop() ?? '');
      for (const content of lines) {
        if (content.includes(MARKER)) this.found.push({ file, line, rule: 'marker' });
        line++;
      }
    };
    return new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        check(chunk.toString('latin1'), false);
        callback();
      },
      final: (callback) => {
        if (pending !== '') check('', true);
        callback();
      },
    });
  }

  findings(): LeakFinding[] {
    return [...this.found];
  }
}
