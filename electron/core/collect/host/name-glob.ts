/**
 * A `find -name` pattern (fnmatch without flags: `*`, `?`, `[…]`, `[!…]`,
 * backslash escapes; `*` also matches a leading dot) as a regular
 * expression, to tell locally which pattern a listed name matched.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') source += '[^]*';
    else if (char === '?') source += '[^]';
    else if (char === '\\' && i + 1 < glob.length) source += escapeChar(glob[++i] as string);
    else if (char === '[') {
      const end = classEnd(glob, i);
      if (end < 0) source += '\\[';
      else {
        source += bracket(glob.slice(i + 1, end));
        i = end;
      }
    } else source += escapeChar(char);
  }
  return new RegExp(`^${source}$`, 'u');
}

export const matchesGlob = (name: string, glob: string): boolean => globToRegExp(glob).test(name);

function escapeChar(char: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(char) ? `\\${char}` : char;
}

/** Index of the `]` closing the class opened at `start`, or -1 (then `[` is literal). */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) if (glob[i] === ']') return i;
  return -1;
}

function bracket(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  let out = '';
  for (let i = 0; i < members.length; i++) {
    const char = members[i] as string;
    // A dash between two members is a range; anywhere else it is itself.
    if (char === '-' && i > 0 && i < members.length - 1) out += '-';
    else out += char === '\\' || char === ']' || char === '[' || char === '^' || char === '-' ? `\\${char}` : char;
  }
  return `[${negated ? '^' : ''}${out}]`;
}

/** A literal file name as a `find -name` pattern: the glob characters escaped. */
export const literalGlob = (name: string): string => name.replace(/[\\*?[\]]/g, (char) => `\\${char}`);
