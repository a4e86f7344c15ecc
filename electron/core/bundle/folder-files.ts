import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SUMS_FILE } from '../ship/ship-files';
import { checksumFileName, partFileName, README_FILE } from './bundle-names';
import { readmeText, sumLine, sumsText, type ReadmeFacts } from './bundle-texts';
import type { PackedPart } from './pack-types';
import type { WrittenPart } from './part-writer';

/** The staged parts renamed as they are shipped: `<bundle>.part001`…, or the bundle's own name when there is one. */
export async function nameParts(
  staging: string,
  bundle: string,
  written: readonly WrittenPart[],
): Promise<PackedPart[]> {
  const parts: PackedPart[] = [];
  for (const [index, part] of written.entries()) {
    const name = written.length === 1 ? bundle : partFileName(bundle, index + 1, written.length);
    await fs.rename(path.join(staging, part.file), path.join(staging, name));
    parts.push({ name, size: part.size, sha256: part.sha256 });
  }
  return parts;
}

/**
 * `<bundle>.sha256`, README.txt and SHA256SUMS (last: it lists the parts and
 * the other two) in `staging`; returns their names in that order.
 */
export async function writeFolderFiles(staging: string, facts: ReadmeFacts): Promise<string[]> {
  const listed = facts.parts.map((part) => ({ name: part.name, sha256: part.sha256 }));
  const write = async (name: string, text: string) => {
    await fs.writeFile(path.join(staging, name), text, { flag: 'wx' });
    listed.push({ name, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
  };
  const checksum = checksumFileName(facts.bundle);
  await write(checksum, sumLine(facts.bundleSha256, facts.bundle));
  await write(README_FILE, readmeText(facts));
  await fs.writeFile(path.join(staging, SUMS_FILE), sumsText(listed), { flag: 'wx' });
  return [checksum, README_FILE, SUMS_FILE];
}
