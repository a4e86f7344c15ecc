import type { Readable } from 'node:stream';
import { innerName } from './content-kind';
import { bunzip2, bzip2, gunzip, gzip } from './compression';
import { guardErrors } from './guard-errors';
import { sniffContent } from './sniff-content';
import { changedBetweenPasses, type At, type RewriteContext } from './rewrite-context';
import { chain, tee } from './stream-chain';
import { rewriteTar } from './tar-rewrite';
import { rewriteZip } from './zip-rewrite';

/**
 * The redacted form of one file or member, in the same format: text through
 * the engine, `.gz`/`.bz2` decompressed, redacted and compressed again,
 * archives rewritten member by member. What is left out was decided by the
 * learning pass; content that no longer matches that decision fails the file.
 */
export async function rewriteContent(
  ctx: RewriteContext,
  name: string,
  at: At,
  input: Readable,
  depth = 0,
  file?: string,
): Promise<Readable> {
  const { kind, stream } = await sniffContent(name, input, depth);
  switch (kind.kind) {
    case 'text':
      return chain(stream, ctx.redact(at.shown));
    case 'binary':
      if (!ctx.includeBinary) {
        stream.destroy();
        throw changedBetweenPasses(at.shown, 'it is binary now');
      }
      return tee(stream, ctx.scanBinary(at.shown));
    case 'gzip':
    case 'bzip2': {
      const gz = kind.kind === 'gzip';
      const decoded = chain(stream, gz ? gunzip() : bunzip2());
      const inner = await rewriteContent(
        ctx,
        innerName(name),
        at,
        guardErrors(decoded, gz ? 'gzip' : 'bzip2'),
        depth + 1,
      );
      return chain(inner, gz ? gzip() : bzip2());
    }
    case 'tar':
      return rewriteTar(ctx, at, stream, depth, rewriteContent);
    case 'zip':
      if (file !== undefined) stream.destroy();
      return rewriteZip(ctx, at, file !== undefined ? { file } : { stream }, depth, rewriteContent);
  }
}

export type ContentRewriter = typeof rewriteContent;
