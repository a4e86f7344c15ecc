import { randomBytes } from 'node:crypto';

// RFC 4648 base32 in lower case: ids must match the contract's lower-case id patterns.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** `length` random base32 characters; 32 divides 256, so every character is equally likely. */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET.charAt(byte & 31);
  return out;
}

/**
 * yyyymmdd in UTC. Ids carry the date so folders sort roughly by age in a
 * file manager; UTC keeps an id independent of the machine's time zone.
 */
export function compactDate(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** `<prefix>-yyyymmdd-xxxxxxxx`, e.g. `c-20250301-k3m9q2ab`. */
export function datedRandomId(prefix: string, date: Date): string {
  return `${prefix}-${compactDate(date)}-${randomBase32(8)}`;
}
