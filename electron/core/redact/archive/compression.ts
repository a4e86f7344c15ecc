import type { Duplex } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { ChildCodec } from './child-codec';
import { damaged } from './content-errors';

const BZIP2_MISSING =
  'the bzip2 program is needed for .bz2 and .tar.bz2 files and was not found; install it (Debian/Ubuntu: apt install bzip2, Fedora/RHEL: dnf install bzip2) and run again';

/** Decompresses gzip; several members in a row (as `cat a.gz b.gz` makes) come out as one stream. */
export function gunzip(): Duplex {
  return createGunzip();
}

export function gzip(): Duplex {
  return createGzip({ level: 6 });
}

/**
 * bzip2 through the bzip2 program: the reference codec, streaming with a few
 * MB of memory whatever the size, and several times faster than any bzip2
 * written in JavaScript (see README.md for the libraries weighed).
 */
export function bunzip2(): Duplex {
  return new ChildCodec(
    'bzip2',
    ['-d', '-c'],
    (code, stderr) => damaged(`damaged bzip2 data (bzip2 exited with ${code}: ${lastLine(stderr)})`),
    () => new Error(BZIP2_MISSING),
  );
}

export function bzip2(): Duplex {
  return new ChildCodec(
    'bzip2',
    ['-c', '-9'],
    (code, stderr) => new Error(`bzip2 failed while compressing (exit ${code}: ${lastLine(stderr)})`),
    () => new Error(BZIP2_MISSING),
  );
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.at(-1)?.replace(/^bzip2: /, '') ?? 'no message';
}
