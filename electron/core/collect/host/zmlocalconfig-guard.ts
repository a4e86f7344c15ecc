import { CasekitError } from '../../../shared/error-codes';

// A command line's simple commands end at the shell's separators; argv words may hold whole
// command lines too (sh -c '…'), so they are read the same way.
const SEPARATORS = /[;&|()`\n]+/;

/**
 * Whether a command would make zmlocalconfig show its values (`-s`, `--show`,
 * or `s` in a group of short options such as `-xs`): that prints every
 * password of the installation in clear text, so Casekit never runs it.
 */
export function showsLocalconfigSecrets(what: readonly string[] | string): boolean {
  const text = typeof what === 'string' ? what : what.join(' ');
  return text.split(SEPARATORS).some((simple) => {
    const words = simple
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^['"]+|['"]+$/g, ''));
    const at = words.findIndex((word) => /(^|\/)zmlocalconfig$/.test(word));
    if (at < 0) return false;
    return words
      .slice(at + 1)
      .some(
        (word) => word === '--show' || word.startsWith('--show=') || (/^-[A-Za-z]+$/.test(word) && word.includes('s')),
      );
  });
}

/** Throws INVALID_INPUT for a command that would print zmlocalconfig's passwords. */
export function refuseLocalconfigSecrets(what: readonly string[] | string): void {
  if (!showsLocalconfigSecrets(what)) return;
  throw new CasekitError(
    'INVALID_INPUT',
    'Casekit never runs "zmlocalconfig -s" or "--show": it prints every password of the installation in clear text. Run zmlocalconfig without -s (it shows the keys and their non-secret values), or remove that option from the vendor profile.',
  );
}
