import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mapLimit } from '../../common/map-limit';
import { ensureRoom, type FreeSpace } from './disk-space';
import { fetchFile, type FetchFileOptions } from './fetch-file';
import { ProgressMeter, type ProgressListener } from './progress-meter';
import { listRemoteTree, type RemoteFile, type Skipped } from './remote-tree';
import { isInside, localPathFor } from './safe-name';
import { sftpSessionToRead, type SftpTarget } from './sftp-calls';
import { cancelledError, localError, remoteError } from './transfer-errors';

export interface FetchFolderOptions extends Pick<FetchFileOptions, 'verify' | 'remoteSha256' | 'chunkSize'> {
  signal?: AbortSignal;
  /** Progress over the whole folder. */
  onProgress?: ProgressListener;
  /** Files copied at once (default 4): small logs are dominated by round trips, not bandwidth. */
  parallelFiles?: number;
  /** Read requests in flight per file (default 32). */
  concurrency?: number;
  freeSpace?: FreeSpace;
  /** For tests of the Windows name rules. */
  platform?: NodeJS.Platform;
}

export interface FetchedFile {
  remotePath: string;
  localPath: string;
  bytes: number;
  /** Null when the local copy was already complete (same size and time) and was not fetched again. */
  sha256: string | null;
  verified: 'sha256' | 'size' | 'unchanged';
}

export interface FetchFolderResult {
  files: FetchedFile[];
  /** Entries not copied, each with the reason (unsafe name, symlink leaving the folder, device, …). */
  skipped: Skipped[];
  bytes: number;
}

/**
 * Copies the regular files below `remoteDir` into `localDir`, keeping the tree.
 * Remote names are untrusted: each must be one plain path segment and resolve
 * inside `localDir`, or it is skipped and reported. A file already present with
 * the remote size and time is not copied again, so re-running after a failure
 * resumes the folder. The first failure cancels the remaining files.
 */
export async function fetchFolder(
  target: SftpTarget,
  remoteDir: string,
  localDir: string,
  options: FetchFolderOptions = {},
): Promise<FetchFolderResult> {
  if (options.signal?.aborted) throw cancelledError(remoteDir);
  const { sftp, owned } = await sftpSessionToRead(target, remoteDir);
  try {
    const tree = await listRemoteTree(sftp, remoteDir, options.platform).catch((err: unknown) => {
      throw remoteError(err, 'list', remoteDir);
    });
    const root = path.resolve(localDir);
    await fs.mkdir(root, { recursive: true }).catch((err: unknown) => {
      throw localError(err, 'create the folder', root);
    });
    const realRoot = await fs.realpath(root);
    const plan = planLocalPaths(tree.files, realRoot, options.platform);
    const skipped = [...tree.skipped, ...plan.skipped];
    const pending = await withoutUnchanged(plan.targets);
    const total = sumSizes(plan.targets);
    await ensureRoom(realRoot, `the files of ${remoteDir}`, sumSizes(pending), options.freeSpace);
    const meter = new ProgressMeter(total, total - sumSizes(pending), options.onProgress);
    meter.flush();
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let firstError: unknown;
    const fetched = await mapLimit(pending, options.parallelFiles ?? 4, async ({ file, localPath }) => {
      if (firstError !== undefined) return null;
      let reported = 0;
      try {
        await makeFolderInside(realRoot, path.dirname(localPath));
        const result = await fetchFile(sftp, file.readPath, localPath, {
          ...options,
          signal,
          concurrency: options.concurrency ?? 32,
          onProgress: ({ bytesDone }) => {
            meter.add(bytesDone - reported);
            reported = bytesDone;
          },
        });
        return { ...result, file, localPath };
      } catch (err) {
        firstError ??= err;
        stop.abort();
        return null;
      }
    });
    meter.stop();
    if (firstError !== undefined) throw options.signal?.aborted ? cancelledError(remoteDir) : firstError;
    meter.flush();
    const done = new Map(fetched.flatMap((entry) => (entry ? [[entry.localPath, entry] as const] : [])));
    const files = plan.targets.map(({ file, localPath }): FetchedFile => {
      const copied = done.get(localPath);
      return copied
        ? {
            remotePath: file.readPath,
            localPath,
            bytes: copied.bytes,
            sha256: copied.sha256,
            verified: copied.verified,
          }
        : { remotePath: file.readPath, localPath, bytes: file.size, sha256: null, verified: 'unchanged' };
    });
    return { files, skipped, bytes: total };
  } finally {
    if (owned) sftp.end();
  }
}

interface Target {
  file: RemoteFile;
  localPath: string;
}

const sumSizes = (targets: Target[]) => targets.reduce((sum, { file }) => sum + file.size, 0);

/**
 * Local paths for the remote files, skipping those that would collide: with
 * another file's `.part`, or on a case-insensitive disk (Windows, macOS) with a
 * name differing only in case.
 */
function planLocalPaths(files: RemoteFile[], root: string, platform = process.platform) {
  const targets: Target[] = [];
  const skipped: Skipped[] = [];
  const foldCase = platform === 'win32' || platform === 'darwin';
  const key = (localPath: string) => (foldCase ? localPath.toLowerCase() : localPath);
  const taken = new Set(files.map((file) => key(path.join(root, ...file.segments))));
  const claimed = new Set<string>();
  for (const file of files) {
    try {
      const localPath = localPathFor(root, file.segments, platform);
      if (localPath.endsWith('.part') && taken.has(key(localPath.slice(0, -'.part'.length))))
        throw new Error(`its name is the temporary name of ${path.basename(localPath, '.part')}`);
      if (claimed.has(key(localPath))) throw new Error('another file has the same name apart from letter case');
      claimed.add(key(localPath));
      targets.push({ file, localPath });
    } catch (err) {
      skipped.push({ remotePath: file.readPath, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { targets, skipped };
}

/** The targets whose local copy is not already complete (same size, same modification time). */
async function withoutUnchanged(targets: Target[]): Promise<Target[]> {
  const checks = await mapLimit(targets, 16, async (target) => {
    const local = await fs.stat(target.localPath).catch(() => null);
    const same =
      local?.isFile() && local.size === target.file.size && Math.floor(local.mtimeMs / 1000) === target.file.mtime;
    return same ? null : target;
  });
  return checks.filter((target): target is Target => target !== null);
}

/** Creates `folder` below `root`, refusing if an existing local symlink would lead it elsewhere. */
async function makeFolderInside(root: string, folder: string): Promise<void> {
  try {
    await fs.mkdir(folder, { recursive: true });
    const real = await fs.realpath(folder);
    if (!isInside(root, real)) throw new Error(`${folder} leads outside ${root} through a symlink`);
  } catch (err) {
    throw localError(err, 'create the folder', folder);
  }
}
