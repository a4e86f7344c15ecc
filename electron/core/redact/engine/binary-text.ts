const MIN_RUN = 4;

/**
 * A binary chunk as text the finders can read: printable ASCII and tabs stay,
 * every other byte becomes a line break, and printable runs shorter than four
 * bytes inside the chunk go too (noise, as `strings` sees it). Offsets match
 * the bytes one to one.
 */
export function printableText(chunk: Buffer): Buffer {
  const out = Buffer.allocUnsafe(chunk.length);
  let runStart = 0;
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i] ?? 0;
    if ((byte >= 0x20 && byte < 0x7f) || byte === 9) {
      out[i] = byte;
      continue;
    }
    out[i] = 10;
    if (i - runStart < MIN_RUN && runStart > 0) out.fill(10, runStart, i);
    runStart = i + 1;
  }
  return out;
}
