import { PassThrough, pipeline, Transform, type Duplex, type Readable, type Writable } from 'node:stream';

/**
 * `source` through `stages`: the last stage, as a Readable. An error anywhere
 * destroys every stage and comes out of the result; destroying the result
 * destroys the rest.
 */
export function chain(source: Readable, ...stages: Duplex[]): Readable {
  const out = new PassThrough();
  pipeline([source, ...stages, out], (error) => {
    if (error) out.destroy(error);
  });
  return out;
}

/**
 * Passes bytes through unchanged while `scanner` sees a copy, at the pace of
 * the slower of the two.
 */
export function tee(source: Readable, scanner: Writable): Readable {
  const out = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (scanner.write(chunk)) callback(null, chunk);
      else scanner.once('drain', () => callback(null, chunk));
    },
    flush(callback) {
      scanner.end(() => callback());
    },
  });
  scanner.on('error', (error) => out.destroy(error));
  pipeline(source, out, (error) => {
    if (error) scanner.destroy(error);
  });
  return out;
}
