import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoPan } from './crypto-pan';
import { formatIPv4, parseIPv4 } from './ip-text';

// The key and first lines of the sample trace of the reference implementation (Xu et al., sample.cpp).
const REFERENCE_KEY = Buffer.from([
  21, 34, 23, 141, 51, 164, 207, 128, 19, 10, 91, 22, 73, 144, 125, 16, 216, 152, 143, 131, 121, 121, 101, 39, 98, 87,
  76, 45, 42, 132, 34, 2,
]);

function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  for (let bit = 0; bit < a.length * 8; bit++) {
    const mask = 0x80 >> (bit & 7);
    if (((a[bit >> 3] ?? 0) & mask) !== ((b[bit >> 3] ?? 0) & mask)) return bit;
  }
  return a.length * 8;
}

describe('Crypto-PAn', () => {
  it('gives the results of the reference implementation', () => {
    const pan = new CryptoPan(REFERENCE_KEY);
    const anonymize = (ip: string): string => formatIPv4(pan.anonymize(parseIPv4(ip)!));
    expect(anonymize('128.11.68.132')).toBe('135.242.180.132');
    expect(anonymize('129.118.74.4')).toBe('134.136.186.123');
    expect(anonymize('130.132.252.244')).toBe('133.68.164.234');
    expect(anonymize('141.223.7.43')).toBe('141.167.8.160');
  });

  it('keeps exactly the common prefix of two addresses, IPv4 and IPv6', () => {
    const pan = new CryptoPan(Buffer.alloc(32, 7));
    for (const size of [4, 16]) {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: size, maxLength: size }),
          fc.uint8Array({ minLength: size, maxLength: size }),
          (a, b) => commonPrefix(pan.anonymize(a), pan.anonymize(b)) === commonPrefix(a, b),
        ),
        { numRuns: 200 },
      );
    }
  });

  it('is a permutation: distinct addresses stay distinct', () => {
    const pan = new CryptoPan(Buffer.alloc(32, 9));
    const seen = new Set<string>();
    for (let i = 0; i < 4096; i++) seen.add(formatIPv4(pan.anonymize(Uint8Array.of(10, 1, i >> 8, i & 0xff))));
    expect(seen.size).toBe(4096);
  });

  it('refuses a secret that is not 32 bytes', () => {
    expect(() => new CryptoPan(Buffer.alloc(16))).toThrow(RangeError);
  });
});
