/** How much of a file or member is read to tell what it holds. */
export const SNIFF_BYTES = 64 * 1024;

export type ContentKind =
  | { kind: 'text' }
  | { kind: 'gzip' }
  | { kind: 'bzip2' }
  | { kind: 'tar' }
  | { kind: 'zip' }
  | { kind: 'binary'; reason: string };

/** Bytes that never occur in a log, a config file or command output. */
const MAX_CONTROL_SHARE = 0.1;

const COMPRESSED_UNREADABLE: ReadonlyArray<{ magic: number[]; format: string }> = [
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], format: 'xz' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], format: 'zstd' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], format: '7-Zip' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], format: 'RAR' },
  { magic: [0x04, 0x22, 0x4d, 0x18], format: 'lz4' },
];

const BINARY_MAGIC: ReadonlyArray<{ magic: number[] | string; what: string }> = [
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF file (program or core dump)' },
  { magic: 'JAVA PROFILE ', what: 'a Java heap dump' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: 'GIF8', what: 'a GIF image' },
  { magic: '%PDF-', what: 'a PDF document' },
  { magic: [0xca, 0xfe, 0xba, 0xbe], what: 'a Java class file' },
  { magic: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
  { magic: 'SQLite format 3\0', what: 'an SQLite database' },
];

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|bmp|ico|webp|tiff?|heic)$/i;

function startsWith(head: Buffer, magic: number[] | string, at = 0): boolean {
  const bytes = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
  return head.length >= at + bytes.length && head.subarray(at, at + bytes.length).equals(bytes);
}

/** A tar header block: its checksum field matches the sum of its bytes (with that field read as spaces). */
export function isTarHeader(head: Buffer): boolean {
  if (head.length < 512) return false;
  const field = head
    .subarray(148, 156)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]{1,8}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (head[i] ?? 0);
  return sum === parseInt(field, 8);
}

function isBzip2(head: Buffer): boolean {
  const level = head[3] ?? 0;
  if (!startsWith(head, 'BZh') || head.length < 10 || level < 0x31 || level > 0x39) return false;
  const block = head.subarray(4, 10).toString('hex');
  return block === '314159265359' || block === '177245385090';
}

/** `core`, `core.1234`, `core.java.1234`, but not `core.log`. */
function isCoreName(base: string): boolean {
  return base === 'core' || (/^core\.[^/]+$/.test(base) && !/\.(log|txt|out|xml|json|conf)$/i.test(base));
}

function nameSaysBinary(base: string): string | null {
  if (/\.hprof$/i.test(base)) return 'a Java heap dump (.hprof)';
  if (isCoreName(base)) return 'a core dump';
  if (IMAGE_EXTENSIONS.test(base)) return 'an image';
  return null;
}

function controlShare(head: Buffer): { nul: boolean; share: number } {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return { nul: true, share: 1 };
    // tab, LF, VT, FF, CR, ESC (colour codes) and backspace appear in real logs
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d) {
      if (byte !== 0x1b && byte !== 0x08) control++;
    } else if (byte === 0x7f) control++;
  }
  return { nul: false, share: head.length === 0 ? 0 : control / head.length };
}

/**
 * Tells what a file or archive member holds from its name and its first
 * SNIFF_BYTES bytes. Bytes above 0x7f count as text: logs carry latin1 and
 * UTF-8 alike; NUL bytes or a large share of control bytes make it binary.
 */
export function classifyContent(name: string, head: Buffer): ContentKind {
  const base = name.replaceAll('\\', '/').split('/').pop() ?? name;
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (isBzip2(head)) return { kind: 'bzip2' };
  for (const { magic, format } of COMPRESSED_UNREADABLE) {
    if (startsWith(head, magic)) {
      return {
        kind: 'binary',
        reason: `compressed with ${format}, which casekit redact cannot read; decompress it and run again`,
      };
    }
  }
  if (isTarHeader(head) && (startsWith(head, 'ustar', 257) || /\.tar$/i.test(base))) return { kind: 'tar' };
  if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) {
    if (/\.zip$/i.test(base)) return { kind: 'zip' };
    return { kind: 'binary', reason: 'a ZIP-based file that is not a .zip archive (such as .jar or .docx)' };
  }
  for (const { magic, what } of BINARY_MAGIC) {
    if (startsWith(head, magic)) return { kind: 'binary', reason: `binary: ${what}` };
  }
  const byName = nameSaysBinary(base);
  if (byName !== null) return { kind: 'binary', reason: `binary: ${byName}` };
  const { nul, share } = controlShare(head);
  if (nul) return { kind: 'binary', reason: 'binary: it holds NUL bytes' };
  if (share > MAX_CONTROL_SHARE) {
    return { kind: 'binary', reason: `binary: ${Math.round(share * 100)}% of its first bytes are control characters` };
  }
  return { kind: 'text' };
}

/** The name of what a compressed file holds: `a.log.gz` -> `a.log`, `b.tgz` -> `b.tar`. */
export function innerName(name: string): string {
  if (/\.(tgz|tbz2?)$/i.test(name)) return name.replace(/\.(tgz|tbz2?)$/i, '.tar');
  return name.replace(/\.(gz|bz2)$/i, '');
}
