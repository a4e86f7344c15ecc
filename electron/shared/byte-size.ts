/**
 * Sizes as ../shared/CLI.md writes them: `10MB` is 10,000,000 bytes, `10MiB`
 * is 10,485,760, `9.5MiB` works, and so does a plain byte count. Shared so the
 * CLI and the Ship screen accept and show the same notation.
 */
const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
};

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?\s*$/i;

/** Bytes for a size, or null when the text is not one (the caller says why in its own words). */
export function parseByteSize(text: string): number | null {
  const match = SIZE_PATTERN.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? '').toUpperCase();
  const factor = UNITS[unit];
  if (factor === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

export const BYTE_SIZE_HELP = 'a size such as 10MB (10,000,000 bytes), 10MiB (10,485,760), 9.5MiB or a byte count';

/** Decimal units, as a human reads a file manager: 9.96 MB. */
export function formatByteSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}
