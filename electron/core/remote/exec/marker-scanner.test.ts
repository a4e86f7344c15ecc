import { describe, expect, it } from 'vitest';
import { MarkerScanner, randomMarker } from './marker-scanner';

/** Feeds `text` in the given pieces and returns what came out and what was found. */
function scan(marker: string, payload: boolean, pieces: string[]) {
  const found: string[] = [];
  const scanner = new MarkerScanner(marker, payload, (text) => found.push(text));
  const out = pieces.map((piece) => scanner.push(Buffer.from(piece)).toString()).join('') + scanner.flush().toString();
  return { out, found };
}

/** Every way of cutting `text` into three pieces. */
function splits(text: string): string[][] {
  const all: string[][] = [];
  for (let i = 0; i <= text.length; i++)
    for (let j = i; j <= text.length; j++) all.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  return all;
}

describe('MarkerScanner', () => {
  it('removes a marker however the stream is cut', () => {
    const text = 'before MARK: after MARK:MARK:end MAR';
    for (const pieces of splits(text))
      expect(scan('MARK:', false, pieces)).toEqual({ out: 'before  after end MAR', found: ['', '', ''] });
  });

  it('removes a marker with its payload line however the stream is cut', () => {
    const text = 'err1\nPID:1234\nerr2 PID:5\n';
    for (const pieces of splits(text))
      expect(scan('PID:', true, pieces)).toEqual({ out: 'err1\nerr2 ', found: ['1234', '5'] });
  });

  it('passes on text that only looks like the start of a marker', () => {
    expect(scan('MARK:', false, ['abc MA', 'RX'])).toEqual({ out: 'abc MARX', found: [] });
    expect(scan('MARK:', false, ['abc MAR'])).toEqual({ out: 'abc MAR', found: [] });
  });

  it('gives up on a payload that never ends, and passes it on', () => {
    const long = 'x'.repeat(100);
    expect(scan('PID:', true, [`PID:${long}`, 'tail'])).toEqual({ out: `PID:${long}tail`, found: [] });
  });

  it('makes markers that differ and need no quoting', () => {
    const a = randomMarker('casekit-x-');
    expect(a).toMatch(/^casekit-x-[0-9a-f]{24}:$/);
    expect(randomMarker('casekit-x-')).not.toBe(a);
  });
});
