import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CasekitError } from '../../../shared/error-codes';
import { errnoCode, ioError } from '../../common/error-text';
import type { ShipFile } from '../ship-types';
import { composeMessage, type MessageSpec } from './email-mime';

export interface WriteMessageOptions {
  signal?: AbortSignal;
  /** Bytes of bundle files read so far in this message, as they stream in. */
  onBytes?: (file: ShipFile, bytes: number) => void;
}

/** Reads a bundle file into the message, hashing it on the way so a file changed since packing is caught. */
function attachmentStream(
  file: ShipFile,
  digests: Map<string, () => string>,
  opened: Readable[],
  onBytes?: (file: ShipFile, bytes: number) => void,
): Readable {
  const hash = createHash('sha256');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      onBytes?.(file, chunk.length);
      done(null, chunk);
    },
  });
  digests.set(file.name, () => hash.digest('hex'));
  const source = createReadStream(file.path);
  source.on('error', (error) => counter.destroy(error));
  opened.push(source, counter);
  return source.pipe(counter);
}

function writeError(target: string, error: unknown): CasekitError {
  if (error instanceof CasekitError) return error;
  if (errnoCode(error) === 'ENOSPC') {
    return new CasekitError('LOCAL_DISK_FULL', `The disk holding ${target} is full. Free some space and try again.`);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new CasekitError('CANCELLED', `Writing ${target} was cancelled; no message was left under that name.`);
  }
  return ioError(`write the message ${target}`, error);
}

/**
 * Streams one message into `target`: written under a temporary name in the
 * same folder, synced, size and checksums checked, then renamed, so a
 * half-written .eml never carries the final name. Returns the bytes written.
 */
export async function writeMessage(
  spec: MessageSpec,
  expectedSize: number,
  target: string,
  options: WriteMessageOptions = {},
): Promise<number> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const digests = new Map<string, () => string>();
  const sources: Readable[] = [];
  try {
    const root = composeMessage(spec, (file) => attachmentStream(file, digests, sources, options.onBytes));
    await pipeline(root.createReadStream(), createWriteStream(temp, { flags: 'wx' }), { signal: options.signal });
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (const file of spec.files) {
      const actual = digests.get(file.name)?.();
      if (file.sha256 !== null && actual !== file.sha256) {
        throw new CasekitError(
          'BUNDLE_INVALID',
          `${file.name} no longer matches its line in SHA256SUMS: it changed after packing. Pack the bundle again.`,
        );
      }
    }
    const { size } = await fs.stat(temp);
    if (size !== expectedSize) {
      throw new CasekitError(
        'INTERNAL',
        `${target} came out at ${size} bytes where ${expectedSize} were planned, so the mail limit cannot be trusted. Please report this.`,
      );
    }
    await fs.rename(temp, target);
    return size;
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(target, error);
  } finally {
    for (const stream of sources) stream.destroy();
  }
}
