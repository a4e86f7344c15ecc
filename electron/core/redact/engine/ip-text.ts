// IPv4 and IPv6 text forms, parsed into bytes and written back. Writing keeps
// the look of the original (compressed or not, letter case, zero padding) so a
// pseudonym reads like the address it replaced.

/** The four bytes of a dotted quad whose parts are 1-3 digits and at most 255, or null. */
export function parseIPv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    if (!/^\d{1,3}$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

export function formatIPv4(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** The sixteen bytes of an IPv6 address in any RFC 4291 text form (`::`, a dotted IPv4 tail), or null. */
export function parseIPv6(text: string): Uint8Array | null {
  if (text.length < 2 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] ?? '').split(':')) : [];
  const groups: number[] = [];
  const tailGroups: number[] = [];
  const parseInto = (items: string[], into: number[], mayEndInV4: boolean): boolean => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? '';
      if (mayEndInV4 && i === items.length - 1 && item.includes('.')) {
        const v4 = parseIPv4(item);
        if (v4 === null) return false;
        into.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return false;
      into.push(parseInt(item, 16));
    }
    return true;
  };
  const compressed = halves.length === 2;
  if (!parseInto(head, groups, !compressed)) return null;
  if (!parseInto(tail, tailGroups, true)) return null;
  const count = groups.length + tailGroups.length;
  if (compressed ? count > 7 : count !== 8) return null;
  const all = [...groups, ...new Array<number>(8 - count).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

export interface IPv6Style {
  /** Write the longest run of zero groups as `::` (RFC 5952), as the original did. */
  compressed: boolean;
  upperCase: boolean;
  /** Every group as four digits, as in `2001:0db8:0000:...`. */
  padded: boolean;
}

/** How an IPv6 address was written, so its pseudonym can be written the same way. */
export function styleOf(text: string): IPv6Style {
  const groups = text.split(':').filter((group) => group !== '' && !group.includes('.'));
  const compressed = text.includes('::');
  return {
    compressed,
    upperCase: /[A-F]/.test(text) && !/[a-f]/.test(text),
    padded: !compressed && groups.length > 0 && groups.every((group) => group.length === 4),
  };
}

export function formatIPv6(bytes: Uint8Array, style: IPv6Style): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  const hex = (group: number): string => {
    const digits = group.toString(16);
    return style.padded ? digits.padStart(4, '0') : digits;
  };
  let text: string;
  const run = style.compressed ? longestZeroRun(groups) : null;
  if (run === null) {
    text = groups.map(hex).join(':');
  } else {
    const before = groups.slice(0, run.start).map(hex).join(':');
    const after = groups
      .slice(run.start + run.length)
      .map(hex)
      .join(':');
    text = `${before}::${after}`;
  }
  return style.upperCase ? text.toUpperCase() : text;
}

function longestZeroRun(groups: number[]): { start: number; length: number } | null {
  let best: { start: number; length: number } | null = null;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    // RFC 5952: a single zero group is not compressed, and the first longest run wins.
    if (j - i >= 2 && (best === null || j - i > best.length)) best = { start: i, length: j - i };
    i = j;
  }
  return best;
}
