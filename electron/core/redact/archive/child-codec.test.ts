import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ChildCodec } from './child-codec';
import { bunzip2, bzip2 } from './compression';

const failure = (code: number | null, stderr: string) => new Error(`exit ${code}: ${stderr}`);
const missing = () => new Error('the program is missing');

describe('ChildCodec', () => {
  it('round-trips through bzip2 and bzip2 -d, concatenated streams included', async () => {
    const data = Buffer.from('line with some text\n'.repeat(50_000));
    const once = Buffer.concat(await Readable.from([data]).pipe(bzip2()).toArray());
    const twice = Buffer.concat([once, once]);
    expect(await text(Readable.from([twice]).pipe(bunzip2()))).toBe(data.toString() + data.toString());
  });

  it('fails the stream instead of ending it when the program exits non-zero after writing', async () => {
    const codec = new ChildCodec(
      'sh',
      ['-c', 'cat >/dev/null; echo partial; echo broken >&2; exit 3'],
      failure,
      missing,
    );
    const seen: string[] = [];
    await expect(
      pipeline(Readable.from([Buffer.from('input')]), codec, async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) seen.push(chunk.toString());
      }),
    ).rejects.toThrow('exit 3: broken');
    expect(seen.join('')).toBe('partial\n');
  });

  it('says what to install when the program is missing', async () => {
    const codec = new ChildCodec('casekit-no-such-program', [], failure, missing);
    await expect(
      pipeline(Readable.from([Buffer.from('x')]), codec, async function* (source) {
        for await (const chunk of source) yield chunk;
      }),
    ).rejects.toThrow('the program is missing');
  });

  it('reports damaged bzip2 data as damaged', async () => {
    const good = Buffer.concat(
      await Readable.from([Buffer.from('x'.repeat(10_000))])
        .pipe(bzip2())
        .toArray(),
    );
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(20) ^ 0xff, 20);
    await expect(text(Readable.from([bad]).pipe(bunzip2()))).rejects.toMatchObject({
      name: 'UnusableContent',
      kind: 'damaged',
      message: expect.stringMatching(/^damaged bzip2 data \(bzip2 exited with 2/),
    });
  });
});
