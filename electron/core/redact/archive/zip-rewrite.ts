import { ZipArchive, type ZipEntryData } from 'archiver';
import { PassThrough, type Readable } from 'node:stream';
import { memberPath } from './read-context';
import type { ContentRewriter } from './rewrite-content';
import type { At, RewriteContext } from './rewrite-context';
import { forEachZipMember, type ZipMember } from './zip-entries';

/**
 * Adds one entry (by `add`) and waits until the archive has written it, so
 * only one member is in flight and each "entry" event is the one we wait for.
 */
function addWhole(zip: ZipArchive, add: () => void, source?: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = () => {
      zip.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      zip.off('entry', onEntry);
      reject(error);
    };
    zip.once('entry', onEntry);
    zip.once('error', onError);
    source?.once('error', onError);
    add();
  });
}

function entryData(member: ZipMember, name: string): ZipEntryData {
  return { name, date: member.mtime, mode: member.mode, store: member.stored };
}

/**
 * The zip archive with each member redacted: same names, order, modes and
 * mtimes, stored members stay stored. zip is read through its central
 * directory, so a zip that is not a file on disk yet is spooled first.
 */
export function rewriteZip(
  ctx: RewriteContext,
  archive: At,
  source: { file: string } | { stream: Readable },
  depth: number,
  rewriteContent: ContentRewriter,
): Readable {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const output = new PassThrough();
  zip.on('error', (error) => output.destroy(error));
  zip.pipe(output);
  output.on('close', () => {
    if (!output.writableFinished) zip.abort();
  });
  const walk = async (file: string) => {
    await forEachZipMember(archive.shown, file, async (member, body, target) => {
      const name = await ctx.rename(member.name);
      if (member.kind === 'directory') return addWhole(zip, () => zip.append(Buffer.alloc(0), entryData(member, name)));
      if (member.kind === 'symlink') {
        const shownTarget = await ctx.rename(target ?? '');
        return addWhole(zip, () => zip.symlink(name, shownTarget, member.mode));
      }
      if (body === null) return;
      const at = { path: memberPath(archive.path, member.name), shown: memberPath(archive.shown, name) };
      const reason = ctx.leftOut.get(at.path);
      if (reason !== undefined) {
        ctx.onLeftOut(at.shown, reason);
        return;
      }
      const redacted = await rewriteContent(ctx, member.name, at, body, depth + 1);
      await addWhole(zip, () => zip.append(redacted, entryData(member, name)), redacted);
    });
  };
  const produce = async () => {
    if ('file' in source) await walk(source.file);
    else {
      const { file } = await ctx.spool.write(source.stream, ctx.signal);
      try {
        await walk(file);
      } finally {
        await ctx.spool.release(file);
      }
    }
    await zip.finalize();
  };
  produce().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
