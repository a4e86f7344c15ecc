import { CasekitError } from '../../../shared/error-codes';
import { command } from '../../remote/exec';
import type { RunAs } from '../../vendor';
import type { CollectHost } from '../collect-host';

/** One entry a listing found. Path and name come from the server: untrusted text. */
export interface RemoteEntry {
  /** Absolute: the listed folder, `/`, the path below it. */
  path: string;
  /** The last segment of `path`. */
  name: string;
  /** The listed folder it was found in. */
  dir: string;
  size: number;
  modifiedAt: Date;
  type: 'file' | 'folder';
  /**
   * Why it cannot be copied by its name, or null: a name that is not valid
   * UTF-8 cannot be passed back to the server as text, so it is listed (with
   * its bytes shown as U+FFFD) but not fetched.
   */
  problem: string | null;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Files only (default), or folders as well. */
  types?: readonly ('file' | 'folder')[];
  /** Walk below the folders too (default: only what is directly inside them). */
  recursive?: boolean;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Lists what directly lies in `dirs` matching any of the name globs, with
 * sizes and last changes, running `find` as `as` (root by default in the
 * callers: files under /var/log and dumps belong to root). A folder that does
 * not exist lists nothing; one that cannot be read is PERMISSION_DENIED.
 * Symbolic links are not followed and not listed.
 */
export async function listRemoteFiles(
  host: Pick<CollectHost, 'run'>,
  dirs: readonly string[],
  patterns: readonly string[],
  as: RunAs,
  options: ListOptions = {},
): Promise<RemoteEntry[]> {
  const starts = [...new Set(dirs.map(withoutTrailingSlash))];
  if (starts.length === 0 || patterns.length === 0) return [];
  const script = listingScript(starts, patterns, options);
  const result = await host.run(script, as, {
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    label: `find ${starts.join(' ')}`,
  });
  if (result.exitCode !== 0) throw listingError(starts, result.stderr.toString('utf8'), result.exitCode);
  if (result.truncated.stdout)
    throw new CasekitError(
      'IO_ERROR',
      `Listing ${starts.join(', ')} on the server printed more than Casekit keeps; narrow the file patterns.`,
    );
  return parseFindOutput(result.stdout, starts, options.recursive ?? false);
}

// Each record: "<type> <size> <mtime>", the starting folder, the path below it; each ended by NUL,
// which is the one byte no path can hold, so newlines and tabs in names are kept as they are.
const PRINTF = '%y %s %T@\\0%H\\0%P\\0';

/** The shell script: one `find` per existing folder, every word quoted. */
export function listingScript(dirs: readonly string[], patterns: readonly string[], options: ListOptions): string {
  const types = options.types ?? ['file'];
  const typeTest =
    types.length === 1 ? ['-type', types[0] === 'file' ? 'f' : 'd'] : ['(', '-type', 'f', '-o', '-type', 'd', ')'];
  const nameTest = ['(', ...patterns.flatMap((pattern, i) => [...(i > 0 ? ['-o'] : []), '-name', pattern]), ')'];
  const depth = options.recursive ? ['-mindepth', '1'] : ['-mindepth', '1', '-maxdepth', '1'];
  const finds = dirs.map((dir) => {
    const find = command(['find', dir, ...depth, ...typeTest, ...nameTest, '-printf', PRINTF]);
    // `[ -d ]` follows a symlinked folder, as find then does for its starting point.
    return `if [ -d ${command([dir])} ]; then ${find} || s=1; fi`;
  });
  return `s=0; ${finds.join('; ')}; exit $s`;
}

/** Parses the NUL-separated records of `listingScript`; a record that does not fit is an error. */
export function parseFindOutput(output: Buffer, dirs: readonly string[], recursive: boolean): RemoteEntry[] {
  const fields = splitNul(output);
  if (fields.length % 3 !== 0) throw malformed('the records are incomplete');
  const entries: RemoteEntry[] = [];
  for (let i = 0; i < fields.length; i += 3) {
    const meta = (fields[i] as Buffer).toString('latin1');
    const start = decode(fields[i + 1] as Buffer);
    const below = fields[i + 2] as Buffer;
    const match = /^([fd]) (\d+) (\d+)(?:\.(\d+))?$/.exec(meta);
    if (!match) throw malformed(`unexpected details ${JSON.stringify(meta.slice(0, 60))}`);
    const dir = withoutTrailingSlash(start.text);
    if (!dirs.includes(dir)) throw malformed(`a starting folder that was not asked for (${JSON.stringify(dir)})`);
    const relative = decode(below);
    const segments = relative.text.split('/');
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..'))
      throw malformed(`a path with an empty or dot segment below ${dir}`);
    if (!recursive && segments.length !== 1) throw malformed(`a path below a subfolder of ${dir}`);
    const [, type, size, seconds, fraction = '0'] = match as unknown as [string, string, string, string, string?];
    entries.push({
      path: `${dir}/${relative.text}`,
      name: segments.at(-1) as string,
      dir,
      size: Number(size),
      modifiedAt: new Date(Number(seconds) * 1000 + Math.floor(Number(`0.${fraction}`) * 1000)),
      type: type === 'f' ? 'file' : 'folder',
      problem:
        start.exact && relative.exact
          ? null
          : 'its name is not valid UTF-8, so it cannot be asked for by name; copy it by hand if it is needed',
    });
  }
  return entries;
}

function splitNul(output: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let from = 0;
  for (let at = output.indexOf(0); at >= 0; at = output.indexOf(0, from)) {
    fields.push(output.subarray(from, at));
    from = at + 1;
  }
  if (from !== output.length) throw malformed('the output does not end with a complete record');
  return fields;
}

function decode(bytes: Buffer): { text: string; exact: boolean } {
  const text = bytes.toString('utf8');
  return { text, exact: Buffer.from(text, 'utf8').equals(bytes) };
}

const withoutTrailingSlash = (dir: string): string => (dir.length > 1 ? dir.replace(/\/+$/, '') : dir);

function malformed(detail: string): CasekitError {
  return new CasekitError(
    'IO_ERROR',
    `The server's file listing could not be read (${detail}). Check that GNU find is installed on the server.`,
  );
}

function listingError(dirs: readonly string[], stderr: string, exitCode: number | null): CasekitError {
  const said = stderr.trim().split('\n').slice(-3).join(' / ').slice(0, 400);
  if (/Permission denied/i.test(stderr))
    return new CasekitError(
      'PERMISSION_DENIED',
      `The server refused to list ${dirs.join(', ')} ("${said}"). Log in as root or allow sudo, so that Casekit can read these folders.`,
    );
  return new CasekitError(
    'IO_ERROR',
    `Listing ${dirs.join(', ')} on the server failed (${said || `exit status ${exitCode}`}). Check that GNU find is installed there.`,
  );
}
