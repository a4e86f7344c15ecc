/** zmdiaglog's options as the Collect screen offers them, and the arguments they make. */

export type HeapChoice = 'none' | 'live' | 'core';

export type ZmdiaglogOptions = {
  /** `-a`: a live heap dump as well; `-c`: the heap from a core file instead (not both). */
  heap: HeapChoice;
  /** `-z`: archive the results (a .tar.bz2 with its md5 in the name), one file to fetch. */
  archive: boolean;
  /** `-t SECS`: zmdiaglog's own timeout for commands that hang; empty for its default. */
  timeout: string;
  /** `-d DIR`: where it writes on the server; empty for its default. */
  dest: string;
};

export const DEFAULT_ZMDIAGLOG: ZmdiaglogOptions = { heap: 'none', archive: true, timeout: '', dest: '' };

const MAX_TIMEOUT_SECS = 86_400;

export type ZmdiaglogProblems = { timeout: 'invalid' | null; dest: 'relative' | null };

export function zmdiaglogProblems(options: ZmdiaglogOptions): ZmdiaglogProblems {
  const timeout = options.timeout.trim();
  const dest = options.dest.trim();
  const seconds = Number(timeout);
  return {
    timeout:
      timeout === '' || (/^\d+$/.test(timeout) && seconds >= 1 && seconds <= MAX_TIMEOUT_SECS) ? null : 'invalid',
    dest: dest === '' || dest.startsWith('/') ? null : 'relative',
  };
}

export const hasProblems = (problems: ZmdiaglogProblems): boolean =>
  problems.timeout !== null || problems.dest !== null;

/** The argument list the back end checks against zmdiaglog's documented options. */
export function zmdiaglogArgs(options: ZmdiaglogOptions): string[] {
  const args: string[] = [];
  if (options.heap === 'live') args.push('-a');
  if (options.heap === 'core') args.push('-c');
  if (options.archive) args.push('-z');
  const timeout = options.timeout.trim();
  if (timeout !== '') args.push('-t', String(Number(timeout)));
  const dest = options.dest.trim();
  if (dest !== '') args.push('-d', dest);
  return args;
}

/** The options an argument list made (a collection started earlier), as far as this screen offers them. */
export function zmdiaglogOptionsOf(args: readonly string[]): ZmdiaglogOptions {
  const valueAfter = (flag: string): string => {
    const at = args.indexOf(flag);
    return at === -1 ? '' : (args[at + 1] ?? '');
  };
  return {
    heap: args.includes('-a') ? 'live' : args.includes('-c') ? 'core' : 'none',
    archive: args.includes('-z') || args.includes('-Z'),
    timeout: valueAfter('-t'),
    dest: valueAfter('-d'),
  };
}
