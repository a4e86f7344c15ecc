import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BundleInfo } from '../../../shared/ship-api-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { errnoCode } from '../../common/error-text';
import { parseSums, SUMS_FILE } from '../ship-files';

/** Where a case keeps its bundles: `<CASEKIT_HOME>/cases/<caseId>/bundles/`. */
export const BUNDLES_FOLDER = 'bundles';

const SHA256_LINE = /^([0-9a-f]{64}) [ *](.+)$/;

export function bundlesDirOf(caseFolder: string): string {
  return path.join(caseFolder, BUNDLES_FOLDER);
}

/**
 * A bundle folder named by the UI, as a path `listBundles` gave or a bare
 * name: it must be a folder directly inside the case's bundles folder, so a
 * call can never make Casekit read, send or write files anywhere else.
 */
export async function resolveBundleDir(bundlesDir: string, bundleDir: string): Promise<string> {
  const resolved = path.resolve(bundlesDir, bundleDir);
  if (path.dirname(resolved) !== path.resolve(bundlesDir)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${bundleDir} is not a bundle of this case: pick one of the bundles listed for the case (they are in ${bundlesDir}).`,
    );
  }
  const stat = await fs.stat(resolved).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  });
  if (!stat?.isDirectory()) {
    throw new CasekitError(
      'NOT_FOUND',
      `The bundle ${path.basename(resolved)} is not in ${bundlesDir} (any more). Refresh the list of bundles, or pack again.`,
    );
  }
  return resolved;
}

/**
 * What a bundle folder holds, read from its checksum files: the parts (as
 * SHA256SUMS lists them, sizes from the disk) and the whole bundle's sha256.
 * Null for a folder that is not a complete bundle (a pack still running, the
 * e-mail messages folder).
 */
export async function readBundleInfo(dir: string): Promise<BundleInfo | null> {
  const sumsText = await fs.readFile(path.join(dir, SUMS_FILE), 'utf8').catch(() => null);
  if (sumsText === null) return null;
  let listed: { name: string; sha256: string }[];
  try {
    listed = parseSums(sumsText);
  } catch {
    return null;
  }
  const checksum = listed.find((entry) => entry.name.endsWith('.sha256'));
  if (checksum === undefined) return null;
  const bundleName = checksum.name.slice(0, -'.sha256'.length);
  const format = bundleName.endsWith('.tar.gz') ? 'tar.gz' : bundleName.endsWith('.zip') ? 'zip' : null;
  if (format === null) return null;
  const line = (await fs.readFile(path.join(dir, checksum.name), 'utf8').catch(() => '')).split('\n')[0] ?? '';
  const bundleSha256 = SHA256_LINE.exec(line.trim())?.[1];
  if (bundleSha256 === undefined) return null;
  const parts: BundleInfo['parts'] = [];
  for (const entry of listed) {
    if (entry.name !== bundleName && !entry.name.startsWith(`${bundleName}.part`)) continue;
    const stat = await fs.stat(path.join(dir, entry.name)).catch(() => null);
    if (!stat?.isFile()) return null;
    parts.push({ name: entry.name, size: stat.size, sha256: entry.sha256 });
  }
  if (parts.length === 0) return null;
  const sumsStat = await fs.stat(path.join(dir, SUMS_FILE));
  return {
    dir,
    bundleName,
    format,
    parts,
    bundleSize: parts.reduce((sum, part) => sum + part.size, 0),
    bundleSha256,
    createdAt: sumsStat.mtime.toISOString(),
  };
}

/** The case's complete bundles, newest first. */
export async function listCaseBundles(bundlesDir: string): Promise<BundleInfo[]> {
  const entries = await fs.readdir(bundlesDir, { withFileTypes: true }).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  });
  const bundles: BundleInfo[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const info = await readBundleInfo(path.join(bundlesDir, entry.name));
    if (info !== null) bundles.push(info);
  }
  return bundles.sort((a, b) =>
    a.createdAt === b.createdAt ? b.bundleName.localeCompare(a.bundleName) : a.createdAt < b.createdAt ? 1 : -1,
  );
}

/**
 * A folder for a new bundle, named like the bundle; a second pack in the same
 * second gets `-2`, `-3`, … so an earlier bundle is never mixed into.
 */
export async function freshBundleDir(bundlesDir: string, bundleName: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const dir = path.join(bundlesDir, n === 1 ? bundleName : `${bundleName}-${n}`);
    const taken = await fs.stat(dir).then(
      () => true,
      () => false,
    );
    if (!taken) return dir;
  }
}
