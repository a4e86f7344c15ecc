// Character classes as bit flags over the 256 Latin-1 code units the engine
// works on (one per byte). Bytes from 0x80 up belong to names and local parts
// so UTF-8 in an address is taken whole rather than cut in the middle.

export const LOCAL = 1; // e-mail local part: letters, digits, . _ + - and non-ASCII
export const LABEL = 2; // DNS label: letters, digits, - and non-ASCII
export const KEY = 4; // a key in key=value: letters, digits, _ . -
export const WORD = 8; // inside a word for boundary checks: letters, digits, _ -
export const HEX_RUN = 16; // IPv6 and MAC text: hex digits, : and .
export const ALNUM = 32;
export const SPACE = 64; // space and tab

const table = new Uint8Array(256);

function add(flag: number, chars: string): void {
  for (const ch of chars) {
    const c = ch.charCodeAt(0);
    table[c] = (table[c] ?? 0) | flag;
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHA = LETTERS + LETTERS.toUpperCase();
const DIGITS = '0123456789';
add(LOCAL, `${ALPHA}${DIGITS}._+-`);
add(LABEL, `${ALPHA}${DIGITS}-`);
add(KEY, `${ALPHA}${DIGITS}_.-`);
add(WORD, `${ALPHA}${DIGITS}_-`);
add(HEX_RUN, `${DIGITS}abcdefABCDEF:.`);
add(ALNUM, `${ALPHA}${DIGITS}`);
add(SPACE, ' \t');
for (let c = 0x80; c < 0x100; c++) table[c] = (table[c] ?? 0) | LOCAL | LABEL;

/**
 * The flags of code unit `c`, a Latin-1 code unit or NaN (charCodeAt outside
 * the string), which `& 0xff` turns into 0, the flags of NUL: none. The index
 * stays a small integer, which keeps this lookup fast in hot loops.
 */
export function flagsOf(c: number): number {
  return table[c & 0xff] ?? 0;
}

/**
 * A copy of `text` that holds no reference to the window it was cut from.
 * V8 cuts long slices as views into their parent, so a slice kept in a map
 * would keep a whole window alive; everything kept beyond a window goes
 * through here (only when first seen, so the copy costs nothing).
 */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'latin1').toString('latin1');
}
