import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isUnusableContent } from './content-errors';
import { guardErrors } from './guard-errors';
import { innerName } from './content-kind';
import { bunzip2, gunzip } from './compression';
import { sniffContent } from './sniff-content';
import type { ContentContext, ReadVisitor } from './read-context';
import { readTar } from './tar-read';
import { readZipFile } from './zip-read';

/**
 * Walks one file or member without changing it: compressed layers are opened,
 * archives walked member by member, text goes to the visitor's sink. `file`
 * is set when `input` is a whole file on disk (a zip is then read in place).
 */
export async function readContent(
  ctx: ContentContext,
  visitor: ReadVisitor,
  name: string,
  path: string,
  input: Readable,
  depth = 0,
  file?: string,
): Promise<void> {
  const { kind, stream } = await sniffContent(name, input, depth);
  switch (kind.kind) {
    case 'text':
      await pipeline(stream, visitor.text(path), { signal: ctx.signal });
      return;
    case 'binary':
      stream.destroy();
      visitor.binary(path, kind.reason);
      return;
    case 'gzip':
    case 'bzip2': {
      const decoder = kind.kind === 'gzip' ? gunzip() : bunzip2();
      const format = kind.kind === 'gzip' ? 'gzip' : 'bzip2';
      const decoded = stream.pipe(decoder);
      stream.on('error', (error) => decoder.destroy(error));
      const inner = guardErrors(decoded, format);
      try {
        await readContent(ctx, visitor, innerName(name), path, inner, depth + 1);
      } finally {
        stream.destroy();
      }
      return;
    }
    case 'tar':
      await readTar(ctx, visitor, path, stream, depth, readMember);
      return;
    case 'zip':
      if (file !== undefined) {
        stream.destroy();
        await readZipFile(ctx, visitor, path, file, depth, readMember);
        return;
      }
      await readSpooledZip(ctx, visitor, path, stream, depth);
      return;
  }
}

/** Opens a file on disk and walks it. */
export async function readFile(ctx: ContentContext, visitor: ReadVisitor, file: string, path: string): Promise<void> {
  const name = path.split('/').pop() ?? path;
  await readContent(ctx, visitor, name, path, createReadStream(file), 0, file);
}

async function readSpooledZip(
  ctx: ContentContext,
  visitor: ReadVisitor,
  path: string,
  input: Readable,
  depth: number,
): Promise<void> {
  const { file } = await ctx.spool.write(input, ctx.signal);
  try {
    await readZipFile(ctx, visitor, path, file, depth, readMember);
  } finally {
    await ctx.spool.release(file);
  }
}

/**
 * One member of an archive: a member that cannot be used is left out (when
 * the visitor agrees) and the walk of its archive goes on.
 */
async function readMember(
  ctx: ContentContext,
  visitor: ReadVisitor,
  name: string,
  path: string,
  body: Readable,
  depth: number,
): Promise<void> {
  try {
    await readContent(ctx, visitor, name, path, body, depth + 1);
  } catch (error) {
    body.destroy();
    if (!isUnusableContent(error) || !visitor.unusable(path, error)) throw error;
  }
}

export type MemberReader = typeof readMember;
