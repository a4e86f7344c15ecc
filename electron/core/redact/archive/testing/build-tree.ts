import { execFileSync } from 'node:child_process';
import { chmod, mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Runs a system program (tar, gzip, bzip2, zip, unzip) and returns its stdout. */
export function sh(program: string, args: string[], cwd?: string): Buffer {
  return execFileSync(program, args, { cwd, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export const MTIME = new Date('2024-03-05T06:07:08Z');

/** Text with the marker, CRLF, a latin1 byte and no final newline. */
export const MAILBOX_LOG = Buffer.concat([
  Buffer.from('2024-03-05 06:07:08,123 INFO  [qtp-1] SECRET in a line\nplain line\r\n'),
  Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]),
  Buffer.from('SECRET at the end'),
]);
export const OLD_LOG = Buffer.from('rotated SECRET\n'.repeat(1000));
/** An ELF header then bytes: a core dump to the classifier. */
export const CORE = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(4000, 7),
  Buffer.from('SECRET'),
]);

/** logs/mailbox.log (0640), logs/old.log.gz, logs/empty.log, bin/core.1234: all with one mtime. */
export async function buildSourceTree(root: string): Promise<void> {
  await mkdir(path.join(root, 'logs'), { recursive: true });
  await mkdir(path.join(root, 'bin'), { recursive: true });
  const files: Array<[string, Buffer, number]> = [
    ['logs/mailbox.log', MAILBOX_LOG, 0o640],
    ['logs/old.log.gz', gzipSync(OLD_LOG), 0o644],
    ['logs/empty.log', Buffer.alloc(0), 0o600],
    ['bin/core.1234', CORE, 0o600],
  ];
  for (const [name, data, mode] of files) {
    const file = path.join(root, name);
    await writeFile(file, data);
    await chmod(file, mode);
    await utimes(file, MTIME, MTIME);
  }
}

/** Expected redacted form of the marker engine. */
export const redacted = (data: Buffer): Buffer =>
  Buffer.from(data.toString('latin1').replaceAll('SECRET', '[REDACTED]'), 'latin1');
