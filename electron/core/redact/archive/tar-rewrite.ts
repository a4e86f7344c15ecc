import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { memberPath } from './read-context';
import type { ContentRewriter } from './rewrite-content';
import type { At, RewriteContext } from './rewrite-context';
import { checkTarEntry, DATA_TYPES, forEachTarEntry } from './tar-read';

/** Pax keys that describe the old bytes or repeat the header; the new header states its own. */
const STALE_PAX = new Set(['path', 'linkpath', 'size']);

function carriedPax(pax: unknown): Record<string, string> | undefined {
  if (typeof pax !== 'object' || pax === null) return undefined;
  const kept = Object.entries(pax as Record<string, string>).filter(([key]) => !STALE_PAX.has(key));
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function headerFor(source: tar.Header, size: number, names: { name: string; linkname: string }): tar.Header {
  return {
    name: names.name,
    type: source.type,
    mode: source.mode,
    uid: source.uid,
    gid: source.gid,
    uname: source.uname,
    gname: source.gname,
    mtime: source.mtime,
    linkname: names.linkname,
    devmajor: source.devmajor,
    devminor: source.devminor,
    size,
    pax: carriedPax(source.pax),
  };
}

/**
 * The tar archive with each member redacted: same names, order, modes,
 * owners and mtimes. A member's redacted bytes are spooled to a temporary
 * file first, because its header must state its size.
 */
export function rewriteTar(
  ctx: RewriteContext,
  archive: At,
  input: Readable,
  depth: number,
  rewriteContent: ContentRewriter,
): Readable {
  const pack = tar.pack();
  const output = Readable.from(pack, { objectMode: false });
  const produce = async () => {
    await forEachTarEntry(
      input,
      async (header, body) => {
        checkTarEntry(archive.shown, header);
        const names = {
          name: await ctx.rename(header.name),
          linkname: header.linkname ? await ctx.rename(header.linkname) : header.linkname,
        };
        if (!DATA_TYPES.has(header.type)) {
          await new Promise<void>((resolve, reject) =>
            pack.entry(headerFor(header, 0, names), (error) => (error ? reject(error) : resolve())),
          );
          return;
        }
        const at = { path: memberPath(archive.path, header.name), shown: memberPath(archive.shown, names.name) };
        const reason = ctx.leftOut.get(at.path);
        if (reason !== undefined) {
          ctx.onLeftOut(at.shown, reason);
          return;
        }
        const redacted = await rewriteContent(ctx, header.name, at, body, depth + 1);
        const { file, size } = await ctx.spool.write(redacted, ctx.signal);
        try {
          await pipeline(createReadStream(file), pack.entry(headerFor(header, size, names)));
        } finally {
          await ctx.spool.release(file);
        }
      },
      ctx.signal,
    );
    pack.finalize();
  };
  produce().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
