import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../../../shared/error-codes';
import { command } from '../../../remote/exec';
import type { CollectHost } from '../../collect-host';
import type { ItemOutcome } from '../../collect-types';
import { writeVerified } from '../command-items';
import { insideOutDir, localName } from '../local-paths';
import { listRemoteFiles } from '../remote-listing';
import type { RunOutput } from './zmdiaglog-output';

export interface FetchZmdiaglogOptions {
  outDir: string;
  signal: AbortSignal;
  onBytes(done: number, total: number | null): void;
}

/** MD5 of a local file, read as a stream. */
export async function md5Of(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies what one zmdiaglog run made into `<outDir>/<hostname>/zmdiaglog/`:
 * the archive, checked against the MD5 zmdiaglog put in its name, or, with
 * no archive, the folder file by file with a `SHA256SUMS` manifest (whose
 * checksum is the item's).
 */
export async function fetchZmdiaglogOutput(
  host: Pick<CollectHost, 'fetch' | 'run' | 'hostname'>,
  found: RunOutput,
  options: FetchZmdiaglogOptions,
): Promise<ItemOutcome> {
  const base = [localName(host.hostname), 'zmdiaglog'];
  if (found.archive) {
    const { archive } = found;
    const relative = [...base, localName(archive.name)];
    const local = insideOutDir(options.outDir, relative);
    await fs.mkdir(path.dirname(local), { recursive: true });
    const copy = await host.fetch(archive.path, local, {
      signal: options.signal,
      onProgress: (progress) => options.onBytes(progress.bytesDone, progress.bytesTotal),
    });
    const md5 = await md5Of(local);
    if (md5 !== archive.md5) {
      await fs.rm(local, { force: true });
      throw new CasekitError(
        'ZMDIAGLOG_FAILED',
        `zmdiaglog's archive ${archive.path} does not match the MD5 in its name (the name says ${archive.md5}, the file's is ${md5}); the copy matches the server's file, so the archive was damaged on the server after zmdiaglog made it. The local copy was deleted and the server's kept: run zmdiaglog again.`,
      );
    }
    return { localPath: relative.join('/'), size: copy.bytes, sha256: copy.sha256, exitCode: 0 };
  }
  const folder = found.folder;
  if (!folder) throw new CasekitError('ZMDIAGLOG_FAILED', 'zmdiaglog left nothing to copy.');
  const files = await listRemoteFiles(host, [folder.path], ['*'], 'root', { signal: options.signal, recursive: true });
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const relativeRoot = [...base, localName(folder.name)];
  const sums: string[] = [];
  let done = 0;
  for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
    if (file.problem !== null) continue;
    const below = file.path
      .slice(folder.path.length + 1)
      .split('/')
      .map((segment) => localName(segment));
    const local = insideOutDir(options.outDir, [...relativeRoot, ...below]);
    await fs.mkdir(path.dirname(local), { recursive: true });
    const copy = await host.fetch(file.path, local, {
      signal: options.signal,
      onProgress: (progress) => options.onBytes(done + progress.bytesDone, total),
    });
    done += copy.bytes;
    sums.push(`${copy.sha256}  ${below.join('/')}\n`);
  }
  const manifest = Buffer.from(sums.join(''));
  await writeVerified(insideOutDir(options.outDir, [...relativeRoot, 'SHA256SUMS']), manifest);
  return {
    localPath: relativeRoot.join('/'),
    size: done,
    sha256: createHash('sha256').update(manifest).digest('hex'),
    exitCode: 0,
  };
}

/**
 * Removes this run's folder and archive from the server (as root), once the
 * local copy is verified. Returns why that failed, or null: the copy is good
 * either way, so a failure here is said, not thrown.
 */
export async function removeZmdiaglogOutput(
  host: Pick<CollectHost, 'run'>,
  found: RunOutput,
  signal: AbortSignal,
): Promise<string | null> {
  const paths = [found.archive?.path, found.folder?.path].filter((value): value is string => value !== undefined);
  if (paths.length === 0) return null;
  const argv = ['rm', '-rf', '--', ...paths];
  const result = await host.run(argv, 'root', { signal, timeoutMs: 300_000 }).catch((err: unknown) => err as Error);
  if (!(result instanceof Error) && result.exitCode === 0) return null;
  const why =
    result instanceof Error
      ? result.message
      : result.stderr.toString('utf8').trim() || `exit status ${result.exitCode}`;
  return `The zmdiaglog output was copied and verified, but removing it from the server failed (${command(argv)}: ${why.slice(0, 300)}). Remove it by hand to free the space.`;
}
