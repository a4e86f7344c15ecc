import { looksRandom } from './entropy';

/** How the value of a key is treated: always a secret, or only when it looks generated (`weak`). */
export interface KeyClass {
  rule: string;
  weak: boolean;
}

// Suffixes of the key with `_`, `.` and `-` removed, most specific first. Only the
// end of a key counts: zimbraPasswordMinLength and zimbraAuthTokenLifetime are settings.
const SUFFIXES: [string, KeyClass][] = [
  ['authorization', { rule: 'authorization', weak: false }],
  ['password', { rule: 'password', weak: false }],
  ['passwd', { rule: 'password', weak: false }],
  ['passphrase', { rule: 'password', weak: false }],
  ['pwd', { rule: 'password', weak: false }],
  ['tokenkey', { rule: 'secret', weak: false }],
  ['preauthkey', { rule: 'secret', weak: false }],
  ['privatekey', { rule: 'secret', weak: false }],
  ['apikey', { rule: 'secret', weak: false }],
  ['accesskey', { rule: 'secret', weak: false }],
  ['authkey', { rule: 'secret', weak: false }],
  ['secretkey', { rule: 'secret', weak: false }],
  ['signingkey', { rule: 'secret', weak: false }],
  ['encryptionkey', { rule: 'secret', weak: false }],
  ['masterkey', { rule: 'secret', weak: false }],
  ['secret', { rule: 'secret', weak: false }],
  ['credentials', { rule: 'secret', weak: false }],
  ['credential', { rule: 'secret', weak: false }],
  ['preauth', { rule: 'secret', weak: false }],
  ['jsessionid', { rule: 'token', weak: false }],
  ['token', { rule: 'token', weak: false }],
  ['tokens', { rule: 'token', weak: false }],
  ['sessionid', { rule: 'high-entropy', weak: true }],
  ['session', { rule: 'high-entropy', weak: true }],
  ['signature', { rule: 'high-entropy', weak: true }],
  ['sig', { rule: 'high-entropy', weak: true }],
  ['salt', { rule: 'high-entropy', weak: true }],
  ['nonce', { rule: 'high-entropy', weak: true }],
  ['ticket', { rule: 'high-entropy', weak: true }],
  ['key', { rule: 'high-entropy', weak: true }],
];

// A key the user named in a rules file: its values are secrets whatever they look like.
const EXTRA_CLASS: KeyClass = { rule: 'secret-key', weak: false };
const PASSWORD_CLASS: KeyClass = { rule: 'password', weak: false };

/**
 * The class of a key by its end (`lower`: the key in lower case, `original`:
 * as written), or null. `extra`: lower-case `secret-key` names of a rules file.
 */
export function isSecretKeyName(lower: string, original: string, extra: Set<string>): KeyClass | null {
  // The shell's working directory (`PWD=/opt/zimbra` in an environment dump), not a password.
  if (original === 'PWD' || original === 'OLDPWD') return null;
  if (extra.has(lower)) return EXTRA_CLASS;
  const normal = lower.replace(/[_.-]/g, '');
  for (const [suffix, found] of SUFFIXES) if (normal.endsWith(suffix)) return found;
  if (lower === 'pass' || /[_.-]pass$/.test(lower)) return PASSWORD_CLASS;
  return null;
}

const WORDY = /^(?:\d{1,7}|[a-z]{1,15})$/i;

/** Whether a value next to a key of `found` class is replaced. */
export function isSecretValue(found: KeyClass, value: string): boolean {
  // Already redacted, masked by the tool that wrote it, or a PEM block (redacted whole on its own).
  if (value.startsWith('[REDACTED') || /^\*+$/.test(value) || value.startsWith('-----BEGIN')) return false;
  if (found.weak) return looksRandom(value);
  if (found.rule === 'password' || found.rule === 'secret-key') return true;
  // `token: expired`, `tokens=5`: a word or a small number next to a token key is a state, not a token.
  return !WORDY.test(value);
}
