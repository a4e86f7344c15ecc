import path from 'node:path';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters are legal on Linux but make names that cannot be shown or typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

/**
 * Why a name read from the server must not become a local file name, or null
 * if it may. The server is not trusted: a compromised host can put anything in
 * a directory listing, so every name is one plain path segment or nothing.
 * Backslashes are refused everywhere, because on Windows they separate folders.
 */
export function unsafeNameReason(name: string, platform: NodeJS.Platform = process.platform): string | null {
  if (name === '') return 'the name is empty';
  if (name === '.' || name === '..') return 'the name refers to a folder itself or its parent';
  if (name.includes('/')) return 'the name contains a slash';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (CONTROL.test(name)) return 'the name contains a NUL or another control character';
  if (name.length > 255) return 'the name is longer than 255 characters';
  if (platform === 'win32') {
    if (WINDOWS_FORBIDDEN.test(name)) return 'the name contains a character Windows does not allow';
    if (/[. ]$/.test(name)) return 'the name ends with a dot or a space, which Windows drops';
    if (WINDOWS_RESERVED.test(name)) return 'the name is a device name on Windows';
  }
  return null;
}

/** True if `candidate` is `root` itself or lies below it, after both are normalized. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  // Not `startsWith('..')`: a file may well be called `..%2f` or `...`.
  const up = relative === '..' || relative.startsWith(`..${path.sep}`);
  return !up && !path.isAbsolute(relative);
}

/**
 * The local path for the remote names `segments` below `root`: each must pass
 * `unsafeNameReason`, and the result must still resolve inside `root`.
 */
export function localPathFor(root: string, segments: readonly string[], platform?: NodeJS.Platform): string {
  for (const segment of segments) {
    const reason = unsafeNameReason(segment, platform);
    if (reason !== null) throw new Error(`${JSON.stringify(segment)}: ${reason}`);
  }
  const target = path.resolve(root, ...segments);
  if (!isInside(root, target) || target === path.resolve(root))
    throw new Error(`${JSON.stringify(segments.join('/'))} would be outside ${root}`);
  return target;
}
