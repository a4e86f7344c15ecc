import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { asDamaged } from './content-errors';
import { assertSafeEntry } from './entry-guard';

type TarEntry = tar.ExtractEvents['entry'][1];
import { memberPath, type ContentContext, type ReadVisitor } from './read-context';
import type { MemberReader } from './read-content';

/** Entry types that carry file data. */
export const DATA_TYPES = new Set(['file', 'contiguous-file']);

/** Checks an entry's name and link target; throws the refusal for the whole archive. */
export function checkTarEntry(archive: string, header: tar.Header): void {
  if (header.type === 'symlink' || header.type === 'link') {
    assertSafeEntry(archive, header.name, {
      target: header.linkname ?? '',
      kind: header.type === 'symlink' ? 'symlink' : 'hardlink',
    });
  } else assertSafeEntry(archive, header.name);
}

/**
 * A Node stream over a tar entry's bytes. Destroying it does not destroy the
 * entry (that would end the whole tar parse): the rest is read and dropped.
 */
function bridge(entry: TarEntry): { body: Readable; skipRest: () => Promise<void> } {
  let discard = false;
  const body = new Readable({
    read: () => void entry.resume(),
    destroy: (error, callback) => {
      discard = true;
      entry.resume();
      callback(error);
    },
  });
  entry.on('data', (chunk: unknown) => {
    if (!discard && !body.push(chunk)) entry.pause();
  });
  const ended = new Promise<void>((resolve, reject) => {
    entry.on('end', () => {
      if (!discard) body.push(null);
      resolve();
    });
    entry.on('error', (error: Error) => {
      body.destroy(asDamaged('tar', error));
      reject(error);
    });
  });
  ended.catch(() => undefined);
  return {
    body,
    skipRest: async () => {
      discard = true;
      entry.resume();
      await ended;
    },
  };
}

/** Iterates a tar stream's entries, one at a time; parse errors come out as damaged content. */
export async function forEachTarEntry(
  input: Readable,
  onEntry: (header: tar.Header, body: Readable) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const extract = tar.extract();
  const feeding = pipeline(input, extract, { signal }).then(
    () => null,
    (error: unknown) => error,
  );
  const entries = extract[Symbol.asyncIterator]();
  const stop = async (error: unknown): Promise<never> => {
    input.destroy();
    extract.destroy();
    await feeding;
    throw error;
  };
  for (;;) {
    let next: IteratorResult<TarEntry>;
    try {
      next = await entries.next();
    } catch (error) {
      return stop(asDamaged('tar', error));
    }
    if (next.done === true) break;
    const { body, skipRest } = bridge(next.value);
    try {
      await onEntry(next.value.header, body);
    } catch (error) {
      body.destroy();
      return stop(error);
    }
    // whatever the member's reader left unread is skipped, so the next entry comes
    body.destroy();
    try {
      await skipRest();
    } catch (error) {
      return stop(asDamaged('tar', error));
    }
  }
  const fed = await feeding;
  if (fed !== null) throw asDamaged('tar', fed);
}

export async function readTar(
  ctx: ContentContext,
  visitor: ReadVisitor,
  archive: string,
  input: Readable,
  depth: number,
  readMember: MemberReader,
): Promise<void> {
  await forEachTarEntry(
    input,
    async (header, body) => {
      checkTarEntry(archive, header);
      visitor.entry?.(archive, header.name, header.linkname ? header.linkname : null);
      if (DATA_TYPES.has(header.type)) {
        await readMember(ctx, visitor, header.name, memberPath(archive, header.name), body, depth);
      }
    },
    ctx.signal,
  );
}
