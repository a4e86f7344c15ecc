import { randomBytes } from 'node:crypto';

const NEWLINE = 0x0a;
// A marker's payload is a process id or nothing; anything longer means the
// bytes were not ours after all, and are handed on untouched.
const MAX_PAYLOAD = 32;

/**
 * A token nobody else prints: the remote side writes it on stderr to tell us
 * something (a process id, sudo's password prompt). Hex only, because sudo
 * expands `%` in prompts and the token must survive any shell unquoted.
 */
export function randomMarker(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}:`;
}

/**
 * Finds a marker in a byte stream that SSH delivers in arbitrary chunks and
 * removes it, so the caller never sees it. A marker may be split across
 * chunks, so the bytes that could be its beginning are held back until the
 * next chunk (or `flush`) decides. With `payload`, the marker is followed by
 * text up to a newline, which is removed too and given to `found`.
 */
export class MarkerScanner {
  private readonly marker: Buffer;
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    marker: string,
    private readonly payload: boolean,
    private readonly found: (payload: string) => void,
  ) {
    this.marker = Buffer.from(marker);
  }

  /** The chunk without any marker (and payload) in it, minus bytes held back for the next call. */
  push(chunk: Buffer): Buffer {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = Buffer.alloc(0);
    const out: Buffer[] = [];
    for (;;) {
      const at = data.indexOf(this.marker);
      if (at === -1) break;
      out.push(data.subarray(0, at));
      const after = at + this.marker.length;
      if (!this.payload) {
        data = data.subarray(after);
        this.found('');
        continue;
      }
      const end = data.indexOf(NEWLINE, after);
      if (end === -1 && data.length - after <= MAX_PAYLOAD) {
        this.pending = data.subarray(at);
        return Buffer.concat(out);
      }
      if (end === -1 || end - after > MAX_PAYLOAD) {
        // Not a marker line after all: pass the bytes on and look further on.
        out.push(data.subarray(at, after));
        data = data.subarray(after);
        continue;
      }
      const text = data.subarray(after, end).toString();
      data = data.subarray(end + 1);
      this.found(text);
    }
    const keep = this.partialTail(data);
    out.push(data.subarray(0, data.length - keep));
    this.pending = data.subarray(data.length - keep);
    return Buffer.concat(out);
  }

  /** The held-back bytes, once the stream has ended: they were not a marker. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  /** The length of the longest end of `data` that is a beginning of the marker. */
  private partialTail(data: Buffer): number {
    for (let length = Math.min(this.marker.length - 1, data.length); length > 0; length--)
      if (data.subarray(data.length - length).equals(this.marker.subarray(0, length))) return length;
    return 0;
  }
}
