import path from 'node:path';
import { refused } from './content-errors';

/**
 * Why an archive entry named `name` could land outside the folder it is
 * unpacked into, or null when it cannot. Backslashes count as separators:
 * Windows tools treat them so.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'an entry has an empty name';
  if (name.includes('\0')) return `the entry ${JSON.stringify(name)} has a NUL byte in its name`;
  const slashed = name.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    return `the entry ${JSON.stringify(name)} has an absolute path`;
  }
  if (slashed.split('/').includes('..')) return `the entry ${JSON.stringify(name)} has a ".." component`;
  return null;
}

/**
 * Why a link entry could point outside the archive, or null when it cannot.
 * A symbolic link is resolved from the folder of the link; a hard link names
 * another entry of the archive.
 */
export function unsafeLinkReason(name: string, target: string, kind: 'symlink' | 'hardlink'): string | null {
  const slashed = target.replaceAll('\\', '/');
  if (slashed.length === 0) return `the link ${JSON.stringify(name)} has an empty target`;
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    return `the link ${JSON.stringify(name)} points to the absolute path ${JSON.stringify(target)}`;
  }
  const from = kind === 'symlink' ? path.posix.dirname(name.replaceAll('\\', '/')) : '.';
  const resolved = path.posix.normalize(path.posix.join(from, slashed));
  if (resolved === '..' || resolved.startsWith('../')) {
    return `the link ${JSON.stringify(name)} points outside the archive (${JSON.stringify(target)})`;
  }
  return null;
}

/** Throws the refusal for an unsafe entry; every archive reader calls this before using an entry. */
export function assertSafeEntry(
  archive: string,
  name: string,
  link?: { target: string; kind: 'symlink' | 'hardlink' },
): void {
  const reason = unsafeNameReason(name) ?? (link ? unsafeLinkReason(name, link.target, link.kind) : null);
  if (reason !== null) {
    throw refused(
      `refused: ${reason}, which could be written outside the folder it is unpacked into; the archive ${archive} is left out`,
    );
  }
}
