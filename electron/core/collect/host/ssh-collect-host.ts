import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { command, execRemote, runAsRoot, runAsZimbra, type ExecOptions, type ExecResult } from '../../remote/exec';
import { withEnv } from '../../remote/exec/shell-quote';
import { localError } from '../../remote/transfer/transfer-errors';
import { fetchAuto, type FetchFileResult } from '../../remote/transfer';
import type { RunAs } from '../../vendor';
import type { CollectHost, HostFetchOptions } from '../collect-host';
import { hostNameProblem, requireHostName } from './host-names';
import { rootStreamFetch, type RootRun } from './root-stream-fetch';
import { refuseLocalconfigSecrets } from './zmlocalconfig-guard';

export interface SshCollectHostParams {
  /** An authenticated client; the CollectHost uses it and never opens another connection. */
  client: Client;
  /** The target as the user named it, for messages. */
  target: string;
  /** Who logged in (root needs no sudo). */
  sessionUser: string;
  /** The vendor profile's service user (`zimbra`): its tools run as this user. */
  serviceUser: string;
  /** Settles when the connection ends: null after close(), the reason when it was lost. */
  closed: Promise<CasekitError | null>;
  close(): Promise<void>;
  /** Asked when sudo wants the login's password; resolve null to decline. Never put in a command line. */
  sudoPassword?: () => Promise<string | null>;
  signal?: AbortSignal;
}

// sudo's refusals: said again with the file the root read was for.
const SUDO_REFUSALS = new Set([
  'SUDO_NOT_ALLOWED',
  'SUDO_PASSWORD_REQUIRED',
  'SUDO_WRONG_PASSWORD',
  'PERMISSION_DENIED',
]);

const toLine = (what: readonly string[] | string): string => (typeof what === 'string' ? what : command(what));

/**
 * A CollectHost over an SSH session: reads the server's own name (`hostname -f`,
 * else `hostname`), refused unless it is a host name that can be a folder name;
 * `service` runs as `su - <serviceUser> -c`, `root` directly or through sudo,
 * `login` as is. Files the login cannot read are streamed as root.
 */
export async function sshCollectHost(params: SshCollectHostParams): Promise<CollectHost> {
  const { client, sessionUser, serviceUser, sudoPassword } = params;
  const hostname = await readHostname(client, params.target, params.signal);
  const isRoot = sessionUser === 'root';

  // async: a refusal is a rejection, like every other failure of run.
  const run = async (what: readonly string[] | string, as: RunAs, options: ExecOptions = {}): Promise<ExecResult> => {
    refuseLocalconfigSecrets(what);
    if (as === 'login') return execRemote(client, toLine(what), options);
    if (as === 'root') return runAsRoot(client, sessionUser, what, { ...options, sudoPassword });
    // Logged in as the service user itself: its login shell gives what `su -` would.
    if (sessionUser === serviceUser) {
      const { env, ...rest } = options;
      return execRemote(client, command(['bash', '-l', '-c', withEnv(toLine(what), env)]), rest);
    }
    return runAsZimbra(client, sessionUser, what, { ...options, user: serviceUser, sudoPassword });
  };

  const asRoot: RootRun = (commandLine, options) =>
    runAsRoot(client, sessionUser, commandLine, { ...options, sudoPassword });

  const fetch = async (remotePath: string, localPath: string, options: HostFetchOptions): Promise<FetchFileResult> => {
    const copy = { signal: options.signal, onProgress: options.onProgress };
    await fs.mkdir(path.dirname(localPath), { recursive: true }).catch((err: unknown) => {
      throw localError(err, 'create the folder of', localPath);
    });
    if (isRoot) return fetchAuto(client, remotePath, localPath, copy);
    try {
      return await fetchAuto(client, remotePath, localPath, copy);
    } catch (err) {
      // The login may not read it (logs under /var/log, dumps): read it as root instead.
      if ((err as CasekitError).code !== 'PERMISSION_DENIED' || options.signal?.aborted) throw err;
      return rootStreamFetch(asRoot, remotePath, localPath, copy).catch((failure: unknown) => {
        if (!(failure instanceof CasekitError) || !SUDO_REFUSALS.has(failure.code)) throw failure;
        throw new CasekitError(
          failure.code,
          `${sessionUser} may not read ${remotePath}, so Casekit tried to read it as root: ${failure.message}`,
          { cause: failure },
        );
      });
    }
  };

  return {
    target: params.target,
    hostname,
    sessionUser,
    run,
    fetch,
    closed: params.closed,
    close: params.close,
  };
}

async function readHostname(client: Client, target: string, signal: AbortSignal | undefined): Promise<string> {
  const options = { signal, timeoutMs: 30_000 };
  const full = await execRemote(client, 'hostname -f', options);
  const fullName = full.stdout.toString('utf8').trim();
  if (full.exitCode === 0 && hostNameProblem(fullName) === null) return fullName;
  // `hostname -f` fails when the name does not resolve; the plain name is then what the server calls itself.
  const plain = await execRemote(client, 'hostname', options);
  const plainName = plain.stdout.toString('utf8').trim();
  return requireHostName(plain.exitCode === 0 && plainName !== '' ? plainName : fullName, target);
}
