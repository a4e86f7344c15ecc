// Test data for the redaction benchmark: entries of the redaction corpus's
// log formats (a pool made by the bundled generator) copied in pseudo-random
// order into several files, so that writing a gigabyte takes seconds.
import { Buffer } from 'node:buffer';
import { open } from 'node:fs/promises';
import path from 'node:path';

const CHUNK = 8 * 1024 * 1024;

/** Writes `files` files of `bytes` in total under `dir`; returns their paths. */
export async function writeBenchLogs(dir, pool, bytes, files) {
  let x = 2463534242;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const paths = [];
  const perFile = Math.ceil(bytes / files);
  for (let f = 0; f < files; f += 1) {
    const file = path.join(dir, `zimbra-${String(f + 1).padStart(2, '0')}.log`);
    const handle = await open(file, 'w');
    const chunk = Buffer.allocUnsafe(CHUNK);
    try {
      let written = 0;
      const target = Math.min(perFile, bytes - f * perFile);
      while (written < target) {
        let used = 0;
        for (;;) {
          const entry = pool[next() % pool.length];
          // Whole entries only: a file never ends in the middle of a line.
          if (used + entry.length > chunk.length || written + used + entry.length > target) break;
          entry.copy(chunk, used);
          used += entry.length;
        }
        if (used === 0) break;
        await handle.write(chunk, 0, used);
        written += used;
      }
    } finally {
      await handle.close();
    }
    paths.push(file);
  }
  return paths;
}
