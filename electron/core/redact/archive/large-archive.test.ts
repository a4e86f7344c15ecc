import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPasses } from './testing/run-passes';

const MB = 1024 * 1024;
const BIG_MEMBER_MB = 150;
const SMALL_FILES = 300;
/** One MiB of log lines, with the marker once in every 64 lines. */
const BLOCK = (() => {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MB; i++) {
    const line = `2024-05-01 10:00:${String(i % 60).padStart(2, '0')},${i % 1000} INFO [qtp-${i % 97}] ${i % 64 === 0 ? 'SECRET ' : ''}request ${i} took ${i % 997} ms\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, MB);
})();
const MARKERS_PER_BLOCK = (BLOCK.toString().match(/SECRET/g) ?? []).length;

let dir: string;
let input: string;

function blocks(count: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < count ? BLOCK : null);
    },
  });
}

/** About 200 MB: one 150 MiB log, 300 small logs, a nested .gz; written as a stream, never held whole. */
async function buildLargeTarGz(file: string): Promise<void> {
  const pack = tar.pack();
  const writing = pipeline(pack, createGzip({ level: 1 }), createWriteStream(file));
  const add = (name: string, size: number, body: Readable) =>
    new Promise<void>((resolve, reject) => {
      pipeline(body, pack.entry({ name, size, mode: 0o640 })).then(resolve, reject);
    });
  await add('opt/zimbra/log/mailbox.log', BIG_MEMBER_MB * MB, blocks(BIG_MEMBER_MB));
  for (let i = 0; i < SMALL_FILES; i++)
    await add(`small/${i}.log`, 100 * 1024, Readable.from([BLOCK.subarray(0, 100 * 1024)]));
  const nested = gzipSync(Buffer.concat(Array.from({ length: 20 }, () => BLOCK)));
  await add('opt/zimbra/log/mailbox.log.1.gz', nested.length, Readable.from([nested]));
  pack.finalize();
  await writing;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-large-'));
  input = path.join(dir, 'big.tar.gz');
  await buildLargeTarGz(input);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a large .tar.gz', () => {
  it('is learned, rewritten and leak-checked as a stream, in bounded memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const part = path.join(dir, 'out', 'big.tar.gz');
    let result;
    try {
      result = await runPasses(input, 'big.tar.gz', part);
    } finally {
      clearInterval(sampler);
    }
    const growth = (peak - before) / MB;
    console.info(
      `large .tar.gz: input ${((await stat(input)).size / MB).toFixed(0)} MiB compressed, RSS grew ${growth.toFixed(0)} MiB`,
    );
    expect(growth).toBeLessThan(120);
    expect(result.checker.findings()).toEqual([]);
    expect(result.redactor.counts['big.tar.gz!/opt/zimbra/log/mailbox.log']).toEqual({
      marker: BIG_MEMBER_MB * MARKERS_PER_BLOCK,
    });
    // the big member came out whole, with the redacted size
    const extract = tar.extract();
    const sizes = new Map<string, number>();
    const listing = (async () => {
      for await (const entry of extract) {
        sizes.set(entry.header.name, entry.header.size);
        entry.resume();
      }
    })();
    await pipeline(createReadStream(part), createGunzip(), extract);
    await listing;
    expect(sizes.size).toBe(SMALL_FILES + 2);
    const growthPerMarker = '[REDACTED]'.length - 'SECRET'.length;
    expect(sizes.get('opt/zimbra/log/mailbox.log')).toBe(BIG_MEMBER_MB * (MB + MARKERS_PER_BLOCK * growthPerMarker));
  }, 180_000);
});
