import { CasekitError } from '../../../shared/error-codes';
import { unsafeNameReason } from '../../remote/transfer/safe-name';

// RFC 1123 labels: letters, digits and inner dashes, up to 63 each, 253 in all.
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Why `name` (read from a server: untrusted) is not a host name that can also
 * be a folder name on this computer, or null if it is. Both rules apply: the
 * name becomes `<outDir>/<name>/` and is later shown and typed as a host.
 */
export function hostNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > 253) return 'it is longer than 253 characters';
  if (!name.split('.').every((label) => LABEL.test(label)))
    return 'it is not a host name (letters, digits, dashes and dots only)';
  const unsafe = unsafeNameReason(name);
  return unsafe === null ? null : unsafe.replace(/^the name/, 'it');
}

/** A short, printable form of untrusted text for messages: quoted, control characters escaped, cut at 80. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Throws INVALID_INPUT when the name a server gave itself cannot be its folder. */
export function requireHostName(name: string, target: string): string {
  const problem = hostNameProblem(name);
  if (problem === null) return name;
  throw new CasekitError(
    'INVALID_INPUT',
    `The server ${target} calls itself ${shown(name)}, which cannot be the name of its folder in the collection: ${problem}. Give the server a proper host name (hostnamectl set-hostname on the server), then collect again.`,
  );
}
