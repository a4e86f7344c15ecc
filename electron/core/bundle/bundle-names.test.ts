import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../shared/error-codes';
import { assertCaseNumber, bundleFileName, parsePartName, partFileName, utcStamp } from './bundle-names';

describe('bundle names', () => {
  it('stamps the bundle with the UTC time and the case number', () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    expect(utcStamp(when)).toBe('20260102T030405Z');
    expect(bundleFileName('00012345', when, 'tar.gz')).toBe('case-00012345-20260102T030405Z.tar.gz');
    expect(bundleFileName('00012345', when, 'zip')).toBe('case-00012345-20260102T030405Z.zip');
  });

  it('accepts exactly 8 digits as a case number', () => {
    expect(() => assertCaseNumber('00012345')).not.toThrow();
    for (const bad of ['1234567', '123456789', '0001234a', ' 00012345', '']) {
      expect(() => assertCaseNumber(bad)).toThrow(CasekitError);
    }
  });

  it('numbers parts with three digits or as many as the count needs, so they sort in order', () => {
    expect(partFileName('b.tar.gz', 1, 3)).toBe('b.tar.gz.part001');
    expect(partFileName('b.tar.gz', 7, 1234)).toBe('b.tar.gz.part0007');
    const names = Array.from({ length: 1200 }, (_, i) => partFileName('b', i + 1, 1200));
    expect([...names].sort()).toEqual(names);
  });

  it('reads a part number back, the bundle itself as 0, and nothing else', () => {
    expect(parsePartName('b.tar.gz.part012', 'b.tar.gz')).toBe(12);
    expect(parsePartName('b.tar.gz', 'b.tar.gz')).toBe(0);
    for (const other of [
      'b.tar.gz.part1',
      'b.tar.gz.part000',
      'b.tar.gz.sha256',
      'c.tar.gz.part001',
      'b.tar.gz.part001x',
    ]) {
      expect(parsePartName(other, 'b.tar.gz')).toBeNull();
    }
  });
});
