import { TarArchive, ZipArchive, type Archiver } from 'archiver';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { CasekitError } from '../../shared/error-codes';
import type { BundleFormat } from './bundle-names';
import type { SourceFile } from './source-files';

/** Level 6, as `tar czf` (gzip's default); 64 KiB output chunks mean fewer, larger writes downstream. */
const ZLIB = { level: 6, chunkSize: 64 * 1024 };
const READ_CHUNK = 1024 * 1024;

export function createArchive(format: BundleFormat): Archiver {
  return format === 'zip' ? new ZipArchive({ zlib: ZLIB }) : new TarArchive({ gzip: true, gzipOptions: ZLIB });
}

/** Runs `add` and waits until the archive wrote that entry (archiver takes entries one at a time anyway). */
function untilWritten(archive: Archiver, add: () => void, onSourceError?: (fail: (error: Error) => void) => void) {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      archive.off('error', fail);
      resolve();
    };
    const fail = (error: Error) => {
      archive.off('entry', done);
      archive.off('error', fail);
      reject(error);
    };
    archive.once('entry', done);
    archive.once('error', fail);
    onSourceError?.(fail);
    add();
  });
}

export function appendBuffer(archive: Archiver, name: string, body: Buffer, date: Date): Promise<void> {
  return untilWritten(archive, () => archive.append(body, { name, date, mode: 0o644 }));
}

export function appendLink(archive: Archiver, name: string, target: string): Promise<void> {
  return untilWritten(archive, () => archive.symlink(name, target, 0o777));
}

/** Zip members already compressed are stored: deflating them again costs time for nothing. */
const storedInZip = (file: SourceFile): boolean => file.kind !== 'text';

/**
 * Streams one file into the archive under `name`, hashing it on the way.
 * The size in the tar header comes from the walk: a file that changed size
 * since then fails the pack (a half-packed file is never shipped).
 */
export async function appendFile(
  archive: Archiver,
  name: string,
  file: SourceFile,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const input = createReadStream(file.abs, { highWaterMark: READ_CHUNK, signal });
  const tap = new Transform({
    highWaterMark: READ_CHUNK,
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  await untilWritten(
    archive,
    () =>
      archive.append(input.pipe(tap), { name, stats: file.stats, store: storedInZip(file) } as Parameters<
        Archiver['append']
      >[1]),
    (fail) => {
      input.once('error', fail);
      tap.once('error', fail);
    },
  );
  if (bytes !== file.size) {
    throw new CasekitError(
      'IO_ERROR',
      `${file.rel} changed while it was being packed (${file.size} bytes when listed, ${bytes} read). Wait until nothing writes to the folder, then pack again.`,
    );
  }
  return hash.digest('hex');
}
