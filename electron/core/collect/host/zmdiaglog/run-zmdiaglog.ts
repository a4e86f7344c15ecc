import { CasekitError } from '../../../../shared/error-codes';
import { command, type ExecResult } from '../../../remote/exec';
import type { CollectHost } from '../../collect-host';
import { listRemoteFiles, type RemoteEntry } from '../remote-listing';
import { LineSplitter, findRunOutput, printedPaths, type RunOutput } from './zmdiaglog-output';

const SUDO_REFUSALS = new Set([
  'SUDO_NOT_ALLOWED',
  'SUDO_PASSWORD_REQUIRED',
  'SUDO_WRONG_PASSWORD',
  'PERMISSION_DENIED',
]);
const KEEP_OUTPUT_BYTES = 1024 * 1024;

export interface ZmdiaglogRun {
  /** The tool on the server (`{root}/libexec/zmdiaglog`). */
  path: string;
  argv: readonly string[];
  /** Where it writes (`-d`, else the profile's default). */
  dest: string;
  /** Casekit's limit for the whole run, in seconds: past it the run and what it started are stopped. */
  limitSecs: number;
  signal: AbortSignal;
  onLine(line: string): void;
}

/** The last lines of what zmdiaglog printed, for an error message (untrusted text). */
function lastLines(result: Pick<ExecResult, 'stdout' | 'stderr'>, count = 4): string {
  const text = `${result.stdout.toString('utf8')}\n${result.stderr.toString('utf8')}`;
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.slice(-count).join(' / ').slice(0, 600);
}

/** A refusal by sudo, said as zmdiaglog's problem: it must run as root. */
function notRoot(err: CasekitError, sessionUser: string): CasekitError {
  return new CasekitError(
    err.code,
    `zmdiaglog must run as root, and ${sessionUser} could not become root: ${err.message}`,
    { cause: err },
  );
}

/** The `zmdiaglog-*` folders and archives in `dest`, as root. */
export const listRuns = (host: Pick<CollectHost, 'run'>, dest: string, signal: AbortSignal): Promise<RemoteEntry[]> =>
  listRemoteFiles(host, [dest], ['zmdiaglog-*'], 'root', { signal, types: ['file', 'folder'] });

/**
 * Runs zmdiaglog as root with `argv`, its output streamed line by line, and
 * finds what this run made in the destination. Refuses clearly when the tool
 * is missing, when the login cannot become root, when zmdiaglog aborts
 * ("Unknown java version", not root, a non-zero exit) or makes nothing, and
 * when it runs past the limit (its process tree is then stopped).
 */
export async function runZmdiaglog(
  host: Pick<CollectHost, 'run' | 'sessionUser'>,
  run: ZmdiaglogRun,
): Promise<RunOutput> {
  const { signal } = run;
  const asRoot = async (what: readonly string[] | string, options: Parameters<CollectHost['run']>[2] = {}) => {
    try {
      return await host.run(what, 'root', { signal, ...options });
    } catch (err) {
      if (err instanceof CasekitError && SUDO_REFUSALS.has(err.code)) throw notRoot(err, host.sessionUser);
      throw err;
    }
  };
  const present = await asRoot(['test', '-x', run.path], { timeoutMs: 30_000 });
  if (present.exitCode !== 0)
    throw new CasekitError(
      'NOT_FOUND',
      `zmdiaglog is not installed at ${run.path} on this server (or is not executable), so it was not run. Check the Zimbra root (--zimbra-root), or collect without it.`,
    );
  const before = await listRuns(host, run.dest, signal);
  const out = new LineSplitter(run.onLine);
  const err = new LineSplitter(run.onLine);
  const line = command([run.path, ...run.argv]);
  let result: ExecResult;
  try {
    result = await asRoot([run.path, ...run.argv], {
      timeoutMs: run.limitSecs * 1000,
      onStdout: (chunk) => out.push(chunk),
      onStderr: (chunk) => err.push(chunk),
      maxCollectBytes: KEEP_OUTPUT_BYTES,
      label: line,
    });
  } catch (failure) {
    if (failure instanceof CasekitError && failure.code === 'COMMAND_TIMEOUT')
      throw new CasekitError(
        'COMMAND_TIMEOUT',
        `zmdiaglog was still running after ${run.limitSecs} s, Casekit's limit for it, and was stopped together with what it had started (${failure.message}). What it wrote so far is in ${run.dest} on the server. A hanging zmdiaglog usually waits for mailboxd: check zmcontrol status, then try again.`,
        { cause: failure },
      );
    throw failure;
  }
  const said = `${result.stdout.toString('utf8')}\n${result.stderr.toString('utf8')}`;
  if (/Unknown java version/i.test(said))
    throw new CasekitError(
      'ZMDIAGLOG_FAILED',
      `zmdiaglog stopped because it does not recognise the server's Java version ("${lastLines(result, 1)}"), a known problem of zmdiaglog on Zimbra builds with a newer Java. Update zmdiaglog (a Zimbra patch), or collect the logs and commands without it.`,
    );
  if (/needs to be run as root/i.test(said))
    throw new CasekitError(
      'ZMDIAGLOG_FAILED',
      `zmdiaglog refused to run because it did not run as root ("${lastLines(result, 1)}"). Log in as root or allow ${host.sessionUser} to use sudo.`,
    );
  if (result.exitCode !== 0)
    throw new CasekitError(
      'ZMDIAGLOG_FAILED',
      `zmdiaglog ended with exit status ${result.exitCode ?? result.signal ?? 'unknown'}; it said: "${lastLines(result)}". Fix what it reports, then try again.`,
    );
  const found = findRunOutput(before, await listRuns(host, run.dest, signal), printedPaths(said));
  if (found.folder === null && found.archive === null)
    throw new CasekitError(
      'ZMDIAGLOG_FAILED',
      `zmdiaglog ended without leaving a zmdiaglog-* folder or archive in ${run.dest}; its last words: "${lastLines(result)}". Check its options (${run.argv.join(' ') || 'none'}) and the space in ${run.dest}.`,
    );
  return found;
}
