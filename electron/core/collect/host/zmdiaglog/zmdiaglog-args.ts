import { CasekitError } from '../../../../shared/error-codes';

const FLAGS = new Set(['a', 'c', 'j', 'z', 'Z']);
const MAX_TIMEOUT_SECS = 86_400;

const HELP =
  'zmdiaglog accepts -a (add a live heap dump), -c (heap from a core instead; not with -a), -d DIR (an absolute folder on the server), -t SECS (a whole number of seconds above 0), -j, and -z or -Z (archive; not both).';

function invalid(detail: string): CasekitError {
  return new CasekitError('INVALID_INPUT', `${detail} ${HELP}`);
}

/** What the arguments ask of zmdiaglog, for the plan and the run. */
export interface ZmdiaglogRequest {
  heapDump: boolean;
  fromCore: boolean;
  dest: string | null;
  timeoutSecs: number | null;
  /** -z keeps the folder next to the archive, -Z removes it. */
  archive: 'keep-folder' | 'remove-folder' | null;
}

/**
 * Checks zmdiaglog's arguments (`--zmdiaglog-args`) against its documented
 * options and gives them as argv, one option per word: `-a`, `-c` (not with
 * `-a`), `-d DIR` (absolute, no `..`), `-t SECS` (a positive whole number),
 * `-j`, `-z` or `-Z` (not both). Grouped flags (`-az`) and attached values
 * (`-t60`, `-d/x`) are accepted as zmdiaglog's own parser does. Anything else
 * (`-h`, unknown options, stray words, quotes) is INVALID_INPUT.
 */
export function parseZmdiaglogArgs(text: string): string[] {
  const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
  const argv: string[] = [];
  const seen = new Set<string>();
  const take = (option: string) => {
    if (seen.has(option)) throw invalid(`zmdiaglog's -${option} was given twice.`);
    seen.add(option);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!/^-[A-Za-z]/.test(word)) throw invalid(`"${word.slice(0, 80)}" is not an option of zmdiaglog.`);
    for (let at = 1; at < word.length; at++) {
      const letter = word[at] as string;
      if (FLAGS.has(letter)) {
        take(letter);
        argv.push(`-${letter}`);
        continue;
      }
      if (letter !== 'd' && letter !== 't') throw invalid(`zmdiaglog has no option -${letter.slice(0, 20)}.`);
      take(letter);
      const attached = word.slice(at + 1);
      const value = attached !== '' ? attached : words[++i];
      if (value === undefined) throw invalid(`zmdiaglog's -${letter} needs a value.`);
      argv.push(`-${letter}`, letter === 'd' ? checkDest(value) : checkTimeout(value));
      break;
    }
  }
  if (seen.has('a') && seen.has('c')) throw invalid('zmdiaglog takes -a or -c, not both.');
  if (seen.has('z') && seen.has('Z')) throw invalid('zmdiaglog takes -z or -Z, not both.');
  return argv;
}

/** The meaning of argv that parseZmdiaglogArgs accepted. */
export function describeZmdiaglogArgs(argv: readonly string[]): ZmdiaglogRequest {
  const value = (option: string) => {
    const at = argv.indexOf(option);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  const timeout = value('-t');
  return {
    heapDump: argv.includes('-a'),
    fromCore: argv.includes('-c'),
    dest: value('-d'),
    timeoutSecs: timeout === null ? null : Number(timeout),
    archive: argv.includes('-Z') ? 'remove-folder' : argv.includes('-z') ? 'keep-folder' : null,
  };
}

function checkDest(dir: string): string {
  if (!dir.startsWith('/'))
    throw invalid(`zmdiaglog's -d needs an absolute folder (starting with /), not "${dir.slice(0, 80)}".`);
  if (dir.split('/').includes('..'))
    throw invalid(`zmdiaglog's -d folder may not contain "..": "${dir.slice(0, 80)}".`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f'"\\]/.test(dir))
    throw invalid("zmdiaglog's -d folder may not contain quotes, backslashes or control characters.");
  return dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
}

function checkTimeout(value: string): string {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_TIMEOUT_SECS)
    throw invalid(
      `zmdiaglog's -t needs a whole number of seconds from 1 to ${MAX_TIMEOUT_SECS}, not "${value.slice(0, 40)}".`,
    );
  return String(Number(value));
}
