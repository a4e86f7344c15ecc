import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { CollectItem } from '../../../shared/collect-schemas';

/** The manifest a folder outcome (zmdiaglog without -z) is checked by. */
const FOLDER_MANIFEST = 'SHA256SUMS';

/** `localPath` under `outDir`, or null when the recorded path would lead elsewhere (an edited journal). */
export function localPathInside(outDir: string, localPath: string): string | null {
  const root = path.resolve(outDir);
  const full = path.resolve(root, ...localPath.split('/'));
  return full.startsWith(root + path.sep) ? full : null;
}

export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, signal })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Whether an item recorded `ok` still has its copy on disk as it was made:
 * the file (or a folder's manifest) is there and hashes to the recorded
 * sha256. Only then does a re-run leave it alone.
 */
export async function hasVerifiedCopy(outDir: string, item: CollectItem, signal?: AbortSignal): Promise<boolean> {
  if (item.status !== 'ok' || item.localPath === null || item.sha256 === null) return false;
  const full = localPathInside(outDir, item.localPath);
  if (full === null) return false;
  try {
    const stats = await fs.stat(full);
    let file = full;
    if (stats.isDirectory()) file = path.join(full, FOLDER_MANIFEST);
    else if (!stats.isFile() || (item.size !== null && stats.size !== item.size)) return false;
    return (await sha256File(file, signal)) === item.sha256;
  } catch (error) {
    if (signal?.aborted === true) throw error;
    return false;
  }
}
