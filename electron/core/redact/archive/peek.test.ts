import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { peek } from './peek';

describe('peek', () => {
  it('returns the head and a stream that still yields every byte', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i};`));
    const { head, stream } = await peek(Readable.from(chunks), 20);
    expect(head.toString()).toBe('chunk 0;chunk 1;chun');
    expect(await text(stream)).toBe(chunks.join(''));
  });

  it('works for a stream shorter than the head, and an empty one', async () => {
    const short = await peek(Readable.from([Buffer.from('ab')]), 100);
    expect(short.head.toString()).toBe('ab');
    expect(await text(short.stream)).toBe('ab');
    const empty = await peek(Readable.from([]), 100);
    expect(empty.head.length).toBe(0);
    expect(await text(empty.stream)).toBe('');
  });

  it('passes on a read error', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(peek(failing, 10)).rejects.toThrow('disk gone');
  });
});
