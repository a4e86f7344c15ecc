/** Shannon entropy in bits per character: about 4 for hex, 5-6 for base64, under 3 for words. */
export function entropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A value that looks generated (a key, a signature), not a word or a number: long, mixed, varied. */
export function looksRandom(value: string, minBits = 3): boolean {
  return (
    value.length >= 16 &&
    /^[A-Za-z0-9+/=_.:~-]+$/.test(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    entropy(value) >= minBits
  );
}
