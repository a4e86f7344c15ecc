import { Readable } from 'node:stream';
import { asDamaged } from './content-errors';

/**
 * The same bytes as `stream`, but a decoder's error comes out as damaged
 * content (so the caller can leave that content out). Destroying the result
 * destroys `stream`.
 */
export function guardErrors(stream: Readable, format: string): Readable {
  const guarded = new Readable({ read: () => void stream.resume() });
  stream.on('data', (chunk: Buffer) => {
    if (!guarded.push(chunk)) stream.pause();
  });
  stream.on('end', () => guarded.push(null));
  stream.on('error', (error) => guarded.destroy(asDamaged(format, error)));
  guarded.on('close', () => stream.destroy());
  return guarded;
}
