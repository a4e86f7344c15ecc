const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh id for one "Test connection" run (`t-` and 16 random base32 characters), so that it can be cancelled. */
export function newConnectionTestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `t-${Array.from(bytes, (byte) => ALPHABET.charAt(byte & 31)).join('')}`;
}
