import type { ShipProgress } from '../../core/ship/ship-types';
import { formatByteSize } from '../../shared/byte-size';
import { runInterruptible } from '../interruptible';

/** Plain progress lines (stderr not a terminal) come at most this often. */
const PLAIN_EVERY_MS = 5000;

/**
 * Shipping progress on stderr for any channel: one line that rewrites itself
 * on a terminal; otherwise a plain line now and then, and one when a file ends.
 */
export function shipProgressPrinter(
  stream: NodeJS.WriteStream,
  verb: string,
): { update: (p: ShipProgress) => void; end: () => void } {
  let lastPlain = 0;
  let lastFilesDone = -1;
  let drawn = false;
  const describe = (p: ShipProgress) =>
    `${verb}: ${p.filesDone}/${p.filesTotal} files, ${formatByteSize(p.bytesDone)} of ${formatByteSize(p.bytesTotal)}${p.file === null ? '' : ` (${p.file})`}`;
  return {
    update: (p) => {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${describe(p)}`);
        drawn = true;
        return;
      }
      const now = Date.now();
      if (now - lastPlain >= PLAIN_EVERY_MS || p.filesDone !== lastFilesDone) {
        stream.write(`${describe(p)}\n`);
        lastPlain = now;
        lastFilesDone = p.filesDone;
      }
    },
    end: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** Runs a shipment with its progress on stderr and Ctrl-C cancelling it (the channel records what arrived). */
export function shipWithProgress<T>(
  verb: string,
  ship: (signal: AbortSignal, onProgress: (p: ShipProgress) => void) => Promise<T>,
): Promise<T> {
  return runInterruptible(shipProgressPrinter(process.stderr, verb), ship);
}
