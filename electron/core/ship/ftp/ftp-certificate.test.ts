import { describe, expect, it } from 'vitest';
import { normaliseFingerprint } from './ftp-certificate';

const HEX = 'AB12'.repeat(16);
const CANONICAL = `SHA256:${HEX.match(/../g)?.join(':')}`;

describe('normaliseFingerprint', () => {
  it.each([CANONICAL, CANONICAL.toLowerCase(), HEX, `sha256 Fingerprint=${CANONICAL.slice(7)}`, `  ${CANONICAL}  `])(
    'reads %s',
    (text) => {
      expect(normaliseFingerprint(text)).toBe(CANONICAL);
    },
  );

  it.each(['SHA256:zz', HEX.slice(2), `${HEX}00`, 'SHA1:AB:CD'])('refuses %s', (text) => {
    expect(() => normaliseFingerprint(text)).toThrow(/not a SHA-256 certificate fingerprint/);
  });
});
