import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { newMapSnapshot } from './map-snapshot';
import { Redactor } from './redactor';
import { chunked, NO_CONFIG } from './test-harness';

describe('scanning an included binary', () => {
  it('reports printable secrets and personal data by rule, count and first offset, never values', async () => {
    const noise = randomBytes(50_000).map((b) => (b >= 0x20 && b < 0x7f ? b & 0x1f : b));
    const bytes = Buffer.concat([
      noise.subarray(0, 10_000),
      Buffer.from('\x00user=jdoe password=hunter2\x00'),
      noise.subarray(10_000, 30_000),
      Buffer.from('\x01jdoe@example.com\x02ip 10.1.2.3\x00jdoe@example.com\x00'),
      noise.subarray(30_000),
    ]);
    const redactor = new Redactor(newMapSnapshot(), NO_CONFIG);
    await pipeline(Readable.from(chunked(bytes, [4096])), redactor.scanBinary('core.1234'));
    const outcome = redactor.outcome();
    const byRule = Object.fromEntries(outcome.binaryFindings.map((f) => [f.rule, f]));
    expect(byRule.password).toEqual({
      file: 'core.1234',
      rule: 'password',
      count: 1,
      firstOffset: bytes.indexOf('hunter2'),
    });
    expect(byRule.email?.count).toBe(2);
    expect(byRule.email?.firstOffset).toBe(bytes.indexOf('jdoe@example.com'));
    expect(byRule.ipv4?.count).toBe(1);
    expect(byRule.user?.count).toBe(1);
    expect(JSON.stringify(outcome)).not.toMatch(/jdoe|hunter2|10\.1\.2\.3/);
    expect(outcome.counts).toEqual({});
  });
});
