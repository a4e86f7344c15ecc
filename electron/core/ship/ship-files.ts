import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';
import type { ShipFile } from './ship-types';

export const SUMS_FILE = 'SHA256SUMS';

// `sha256sum` writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
const SUM_LINE = /^([0-9a-f]{64}) [ *](.+)$/;
// A bundle folder is flat: a listed name with a separator or a dot-dot would reach outside it.
const PLAIN_NAME = /^(?!\.{1,2}$)[^/\\\0]+$/;

/** Parses SHA256SUMS text; throws BUNDLE_INVALID naming the first bad line. */
export function parseSums(text: string): { name: string; sha256: string }[] {
  const entries: { name: string; sha256: string }[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const match = SUM_LINE.exec(line);
    const name = match?.[2];
    if (!match || name === undefined || !PLAIN_NAME.test(name) || name === SUMS_FILE) {
      throw new CasekitError(
        'BUNDLE_INVALID',
        `${SUMS_FILE} line ${index + 1} is not "<sha256>  <file name>" for a file of this folder. Pack the bundle again.`,
      );
    }
    if (seen.has(name)) {
      throw new CasekitError(
        'BUNDLE_INVALID',
        `${SUMS_FILE} lists ${name} twice (line ${index + 1}). Pack the bundle again.`,
      );
    }
    seen.add(name);
    entries.push({ name, sha256: match[1] ?? '' });
  });
  return entries;
}

/**
 * The files a channel sends for a bundle folder: those SHA256SUMS lists, in its
 * order, then SHA256SUMS. Sizes come from the disk; checksums are checked by
 * `verifyBundle`, not here, so listing stays cheap.
 */
export async function listShipFiles(bundleDir: string): Promise<ShipFile[]> {
  const sumsPath = path.join(bundleDir, SUMS_FILE);
  let text: string;
  try {
    text = await fs.readFile(sumsPath, 'utf8');
  } catch (error) {
    throw new CasekitError(
      'BUNDLE_INVALID',
      `${bundleDir} has no readable ${SUMS_FILE}: it is not a folder made by "casekit pack" (${(error as Error).message}).`,
    );
  }
  const files: ShipFile[] = [];
  for (const entry of parseSums(text)) {
    const filePath = path.join(bundleDir, entry.name);
    const stat = await fs.stat(filePath).catch(() => null);
    if (!stat?.isFile()) {
      throw new CasekitError('BUNDLE_INVALID', `${entry.name}, listed in ${SUMS_FILE}, is missing from ${bundleDir}.`);
    }
    files.push({ name: entry.name, path: filePath, size: stat.size, sha256: entry.sha256 });
  }
  const sumsStat = await fs.stat(sumsPath);
  files.push({ name: SUMS_FILE, path: sumsPath, size: sumsStat.size, sha256: null });
  return files;
}
