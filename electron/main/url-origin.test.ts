import { describe, expect, it } from 'vitest';
import { hasOriginIn, originOf } from './url-origin';

describe('originOf', () => {
  it.each([
    ['app://casekit/index.html', 'app://casekit'],
    ['app://CASEKIT/x', 'app://casekit'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://github.com:443/a', 'https://github.com'],
    ['app://casekit:8080/', 'app://casekit:8080'],
  ])('%s -> %s', (url, origin) => expect(originOf(url)).toBe(origin));

  it.each(['about:blank', 'data:text/html,hi', 'file:///etc/passwd', 'not a url', ''])('has none for %s', (url) =>
    expect(originOf(url)).toBeNull(),
  );
});

describe('hasOriginIn', () => {
  it('matches whole origins only', () => {
    expect(hasOriginIn('app://casekit/a', ['app://casekit'])).toBe(true);
    expect(hasOriginIn('app://casekit.evil/a', ['app://casekit'])).toBe(false);
    expect(hasOriginIn('app://evil/casekit', ['app://casekit'])).toBe(false);
    expect(hasOriginIn('app://casekit@evil/', ['app://casekit'])).toBe(false);
    expect(hasOriginIn('http://localhost:5174/', ['http://localhost:5173'])).toBe(false);
    expect(hasOriginIn('about:blank', ['app://casekit'])).toBe(false);
  });
});
