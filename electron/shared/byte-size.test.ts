import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it.each([
    ['10MB', 10_000_000],
    ['10MiB', 10_485_760],
    ['9.5MiB', 9_961_472],
    ['9.5 mib', 9_961_472],
    ['1024', 1024],
    ['7MB', 7_000_000],
    ['1kB', 1000],
    ['2KiB', 2048],
    ['1GiB', 2 ** 30],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'MB', '-1MB', '0', '10 XB', '1e6', '10MBs', '0.1B'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeNull();
  });
});

describe('formatByteSize', () => {
  it.each([
    [512, '512 B'],
    [9_961_472, '9.96 MB'],
    [10_000_000, '10.0 MB'],
    [1_073_741_824, '1.07 GB'],
    [250_000_000, '250 MB'],
  ])('shows %d as %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});
