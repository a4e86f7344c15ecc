import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { memberPath } from './read-context';
import type { ContentRewriter } from './rewrite-content';
import type { RewriteContext } from './rewrite-context';
import { checkTarEntry, DATA_TYPES, forEachTarEntry } from './tar-read';

/** Pax keys that describe the old bytes or repeat the header; the new header states its own. */
const STALE_PAX = new Set(['path', 'linkpath', 'size']);

function carriedPax(pax: unknown): Record<string, string> | undefined {
  if (typeof pax !== 'object' || pax === null) return undefined;
  const kept = Object.entries(pax as Record<string, string>).filter(([key]) => !STALE_PAX.has(key));
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function headerFor(source: tar.Header, size: number): tar.Header {
  return {
    name: source.name,
    type: source.type,
    mode: source.mode,
    uid: source.uid,
    gid: source.gid,
    uname: source.uname,
    gname: source.gname,
    mtime: source.mtime,
    linkname: source.linkname,
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
  archive: string,
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
        checkTarEntry(archive, header);
        if (!DATA_TYPES.has(header.type)) {
          await new Promise<void>((resolve, reject) =>
            pack.entry(headerFor(header, 0), (error) => (error ? reject(error) : resolve())),
          );
          return;
        }
        const path = memberPath(archive, header.name);
        const reason = ctx.leftOut.get(path);
        if (reason !== undefined) {
          ctx.onLeftOut(path, reason);
          return;
        }
        const redacted = await rewriteContent(ctx, header.name, path, body, depth + 1);
        const { file, size } = await ctx.spool.write(redacted, ctx.signal);
        try {
          await pipeline(createReadStream(file), pack.entry(headerFor(header, size)));
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
