import path from 'node:path';
import { CasekitError } from '../../../shared/error-codes';
import { isInside, unsafeNameReason } from '../../remote/transfer/safe-name';

// Bytes a name may not hold as they are: control characters and separators
// everywhere, what Windows refuses there, and `%` itself once a name is escaped
// (so that an escaped name cannot be mistaken for another name that is not).
// eslint-disable-next-line no-control-regex
const ESCAPED_EVERYWHERE = /[\u0000-\u001f\u007f/\\%]/g;
// eslint-disable-next-line no-control-regex
const ESCAPED_ON_WINDOWS = /[\u0000-\u001f\u007f/\\%<>:"|?*]/g;

const percent = (char: string) =>
  [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * One remote name as a local file name: as it is when that is safe, else with
 * the offending characters written as `%XX` (a log named `a\nb` lands as
 * `a%0Ab`), so that odd names still arrive and never leave their folder.
 */
export function localName(name: string, platform: NodeJS.Platform = process.platform): string {
  if (unsafeNameReason(name, platform) === null) return name;
  let escaped = name.replace(platform === 'win32' ? ESCAPED_ON_WINDOWS : ESCAPED_EVERYWHERE, percent);
  if (escaped === '.' || escaped === '..') escaped = escaped.replaceAll('.', '%2E');
  // Windows drops a trailing dot or space, and gives device names (con, aux) to the device.
  if (platform === 'win32') {
    escaped = escaped.replace(/[. ]$/, percent);
    if (unsafeNameReason(escaped, platform) !== null) escaped = `%${escaped}`;
  }
  if (unsafeNameReason(escaped, platform) !== null)
    throw new CasekitError(
      'INVALID_INPUT',
      `The remote name ${JSON.stringify(name.slice(0, 80))} cannot be saved on this computer (${unsafeNameReason(escaped, platform)}).`,
    );
  return escaped;
}

/** The segments of an absolute remote path, each made a safe local name. */
export function localSegments(remotePath: string, platform?: NodeJS.Platform): string[] {
  const segments = remotePath.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (!remotePath.startsWith('/') || segments.length === 0 || segments.includes('..'))
    throw new CasekitError(
      'INVALID_INPUT',
      `${JSON.stringify(remotePath.slice(0, 200))} is not an absolute path without ".." steps, so it cannot be copied into the collection.`,
    );
  return segments.map((segment) => localName(segment, platform));
}

/** `<outDir>/<relative>` after checking it stays inside outDir; `relative` uses `/`. */
export function insideOutDir(outDir: string, relative: readonly string[]): string {
  const target = path.resolve(outDir, ...relative);
  if (!isInside(outDir, target) || target === path.resolve(outDir))
    throw new CasekitError(
      'INVALID_INPUT',
      `${JSON.stringify(relative.join('/'))} would be outside the collection folder ${outDir}; it was not written.`,
    );
  return target;
}

/** Where a remote file lands: `<hostname>/<remote path>` (CLI.md), with `/` separators. */
export const fileLocalPath = (hostname: string, remotePath: string): string[] => [
  localName(hostname),
  ...localSegments(remotePath),
];
