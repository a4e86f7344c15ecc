import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import tar from 'tar-stream';

export type CraftedEntry =
  { name: string; data: string } | { name: string; symlink: string } | { name: string; hardlink: string };

/** A tar with exactly these names (tar-stream writes what it is given, `..` and all). */
export async function craftTar(file: string, entries: CraftedEntry[]): Promise<void> {
  const pack = tar.pack();
  for (const entry of entries) {
    if ('data' in entry) pack.entry({ name: entry.name, mode: 0o644 }, entry.data);
    else if ('symlink' in entry) pack.entry({ name: entry.name, type: 'symlink', linkname: entry.symlink });
    else pack.entry({ name: entry.name, type: 'link', linkname: entry.hardlink });
  }
  pack.finalize();
  await pipeline(pack, createWriteStream(file));
}

/** A stored (uncompressed) zip with exactly these names: zip tools clean names, so it is built by hand. */
export function craftZip(entries: Array<{ name: string; data: string }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
