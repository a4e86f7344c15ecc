import { describe, expect, it } from 'vitest';
import { formatIPv6, parseIPv4, parseIPv6, styleOf } from './ip-text';

const hex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('hex'));

describe('IP address text', () => {
  it('parses dotted quads of parts up to 255 only', () => {
    expect(Array.from(parseIPv4('10.0.255.7')!)).toEqual([10, 0, 255, 7]);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1.2.3.a', '1..2.3', '1234.1.1.1'])
      expect(parseIPv4(bad)).toBeNull();
  });

  it('parses every IPv6 notation to the same bytes', () => {
    const full = '20010db8000000000000000000000001';
    for (const text of ['2001:db8::1', '2001:0DB8:0:0:0:0:0:1', '2001:db8:0::0:1', '2001:db8:0:0:0:0:0.0.0.1']) {
      expect(hex(parseIPv6(text)), text).toBe(full);
    }
    expect(hex(parseIPv6('::ffff:192.0.2.1'))).toBe('00000000000000000000ffffc0000201');
    expect(hex(parseIPv6('::'))).toBe('0'.repeat(32));
    for (const bad of ['1:2:3', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8:9', 'g::1', ':1:2:3:4:5:6:7', '10:15:32']) {
      expect(parseIPv6(bad), bad).toBeNull();
    }
  });

  it('writes an address in the style of another: compressed or not, case, padding', () => {
    const bytes = parseIPv6('2001:db8:0:0:1:0:0:1')!;
    expect(formatIPv6(bytes, styleOf('fe80::1'))).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6(bytes, styleOf('FE80:0:0:0:0:0:0:1'))).toBe('2001:DB8:0:0:1:0:0:1');
    expect(formatIPv6(bytes, styleOf('fe80:0000:0000:0000:0000:0000:0000:0001'))).toBe(
      '2001:0db8:0000:0000:0001:0000:0000:0001',
    );
    expect(formatIPv6(parseIPv6('1:0:1:1:1:1:1:1')!, styleOf('::1'))).toBe('1:0:1:1:1:1:1:1');
  });
});
