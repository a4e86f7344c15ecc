import { CasekitError } from '../../../shared/error-codes';

// Words made only of these need no quotes in any POSIX shell. '=' is left out
// on purpose: an unquoted `A=b` as the first word would be an assignment, not a command.
const PLAIN_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One argument as a POSIX shell word. Inside single quotes every byte is
 * literal (newlines, `$()`, backticks, globs, backslashes) except `'` itself,
 * which is written as `'\''`: close the quote, an escaped quote, reopen.
 * The remote side receives the argument's UTF-8 bytes; NUL cannot be passed
 * in any argument of any Unix program, so it is refused rather than cut short.
 */
export function quote(arg: string): string {
  if (arg.includes('\0'))
    throw new CasekitError(
      'INVALID_INPUT',
      `A command argument contains a NUL character, which no remote program can receive (arguments are C strings). Remove it from "${visible(arg)}".`,
    );
  if (PLAIN_WORD.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A shell command line that runs `argv[0]` with exactly `argv[1..]` as its arguments. */
export function command(argv: readonly string[]): string {
  if (argv.length === 0)
    throw new CasekitError(
      'INVALID_INPUT',
      'A remote command needs at least a program name; the argument list was empty.',
    );
  return argv.map(quote).join(' ');
}

/** A command given either as argv (quoted here) or as a ready shell command line (used as is). */
export function toCommand(what: readonly string[] | string): string {
  return typeof what === 'string' ? what : command(what);
}

/**
 * Prefixes `export NAME='value' …;` so the variables reach the command however
 * it is wrapped (sudo and `su -` reset the environment, and sshd accepts only
 * the variables its AcceptEnv lists). Values are visible in `ps` on the server:
 * never pass secrets this way.
 */
export function withEnv(commandLine: string, env: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(env ?? {});
  if (entries.length === 0) return commandLine;
  for (const [name] of entries)
    if (!ENV_NAME.test(name))
      throw new CasekitError(
        'INVALID_INPUT',
        `"${visible(name)}" is not a valid environment variable name for a remote shell: use letters, digits and underscores, not starting with a digit.`,
      );
  return `export ${entries.map(([name, value]) => `${name}=${quote(value)}`).join(' ')}; ${commandLine}`;
}

/** A short, printable form of a string for error messages. */
function visible(text: string): string {
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  return shown.slice(1, -1);
}
