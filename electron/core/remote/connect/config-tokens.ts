import path from 'node:path';
import { CasekitError } from '../../../shared/error-codes';

/** Values for ssh_config(5) TOKENS, by letter: `h` remote host, `r` remote user, `u` local user, … */
export type TokenValues = Record<string, string>;

/**
 * Expands `%x` tokens as ssh_config(5) describes. An unknown token is an
 * error rather than left as is: a key path with a stray `%` would otherwise
 * quietly point at a file that does not exist.
 */
export function expandTokens(value: string, tokens: TokenValues, where: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char !== '%') {
      out += char;
      continue;
    }
    const letter = value[i + 1];
    i++;
    if (letter === '%') out += '%';
    else if (letter !== undefined && Object.hasOwn(tokens, letter)) out += tokens[letter];
    else {
      const shown = letter === undefined ? 'a lone "%" at the end' : `the token %${letter}`;
      throw new CasekitError(
        'SSH_CONFIG_INVALID',
        `${where} uses ${shown}, which Casekit does not expand (it knows ${Object.keys(tokens)
          .map((t) => `%${t}`)
          .join(', ')} and %%). Fix this line in your SSH config.`,
      );
    }
  }
  return out;
}

/**
 * `~` and tokens expanded, then made absolute. OpenSSH resolves a relative
 * IdentityFile against its working directory, which for a desktop app is
 * arbitrary; the home directory is the only base that means the same every time.
 */
export function expandPath(value: string, tokens: TokenValues, homedir: string, where: string): string {
  let expanded = expandTokens(value, tokens, where);
  if (expanded === '~' || expanded.startsWith('~/')) expanded = path.join(homedir, expanded.slice(1));
  else if (expanded.startsWith('~')) {
    throw new CasekitError(
      'SSH_CONFIG_INVALID',
      `${where} refers to another user's home directory ("${value}"), which Casekit does not look up. Write the full path instead.`,
    );
  }
  return path.resolve(homedir, expanded);
}
