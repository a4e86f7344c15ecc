import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { asDamaged, refused } from './content-errors';
import { assertSafeEntry } from './entry-guard';
import { guardErrors } from './guard-errors';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;

export interface ZipMember {
  name: string;
  kind: 'file' | 'directory' | 'symlink';
  mode: number | undefined;
  mtime: Date;
  stored: boolean;
  entry: yauzl.Entry;
}

function describe(entry: yauzl.Entry): ZipMember {
  const unixMode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? (entry.externalFileAttributes >>> 16) & 0xffff : 0;
  const kind = entry.fileName.endsWith('/') ? 'directory' : (unixMode & S_IFMT) === S_IFLNK ? 'symlink' : 'file';
  return {
    name: entry.fileName,
    kind,
    mode: unixMode === 0 ? undefined : unixMode & 0o7777,
    mtime: entry.getLastModDate(),
    stored: entry.compressionMethod === 0,
    entry,
  };
}

/** yauzl's own check of names; its wording becomes our refusal. */
function fromYauzl(archive: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(message)) {
    return refused(
      `refused: an entry has an unsafe name (${message}), which could be written outside the folder it is unpacked into; the archive ${archive} is left out`,
    );
  }
  return asDamaged('zip', error);
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Link targets are short; a "link" larger than this is not one. */
const MAX_LINK_TARGET = 4096;

/**
 * Opens the zip file on disk and hands each member, one at a time, with a
 * stream of its bytes (`null` for directories and links: a link's target is
 * in `target`). Every name and link target is checked first.
 */
export async function forEachZipMember(
  archive: string,
  file: string,
  onMember: (member: ZipMember, body: Readable | null, target: string | null) => Promise<void>,
): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (error) {
    throw fromYauzl(archive, error);
  }
  try {
    const entries = zip.eachEntry();
    for (;;) {
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        throw fromYauzl(archive, error);
      }
      if (next.done === true) break;
      const member = describe(next.value);
      if (member.entry.isEncrypted()) {
        throw refused(`the member ${JSON.stringify(member.name)} is encrypted; the archive ${archive} is left out`);
      }
      if (member.kind === 'directory') {
        assertSafeEntry(archive, member.name);
        await onMember(member, null, null);
        continue;
      }
      let body: Readable;
      try {
        body = await zip.openReadStreamPromise(member.entry);
      } catch (error) {
        throw fromYauzl(archive, error);
      }
      if (member.kind === 'symlink') {
        if (member.entry.uncompressedSize > MAX_LINK_TARGET) throw fromYauzl(archive, new Error('oversized link'));
        const target = (await readAll(body)).toString('utf8');
        assertSafeEntry(archive, member.name, { target, kind: 'symlink' });
        await onMember(member, null, target);
        continue;
      }
      assertSafeEntry(archive, member.name);
      const guarded = guardErrors(body, 'zip');
      try {
        await onMember(member, guarded, null);
      } finally {
        guarded.destroy();
      }
    }
  } finally {
    zip.close();
  }
}
