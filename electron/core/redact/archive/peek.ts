import { Readable } from 'node:stream';

/**
 * Reads the first `size` bytes of `input` (fewer if it ends first) without
 * losing them: the returned stream yields every byte, those included.
 */
export function peek(input: Readable, size: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', onError);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < size && (chunk = input.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= size) {
        cleanup();
        const all = Buffer.concat(chunks);
        input.unshift(all);
        resolve({ head: all.subarray(0, size), stream: input });
      }
    };
    const onEnd = () => {
      cleanup();
      const all = Buffer.concat(chunks);
      resolve({ head: all, stream: Readable.from(all.length > 0 ? [all] : [], { objectMode: false }) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    input.on('readable', onReadable);
    input.on('end', onEnd);
    input.on('error', onError);
  });
}
