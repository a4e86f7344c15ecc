import type { CasekitError } from '../../shared/error-codes';
import type { ExecOptions, ExecResult } from '../remote/exec';
import type { FetchFileResult } from '../remote/transfer';
import type { ProgressListener } from '../remote/transfer/progress-meter';
import type { RunAs } from '../vendor';

/**
 * One connected server, as the collection sees it: run a command as a given
 * user, copy a file, close. The CLI (flags, environment) and the app (saved
 * servers, prompts, keychain) connect differently; both hand the collection
 * this, so the collection never knows how the session was opened.
 */
export interface CollectHost {
  /** The target as the user named it, for messages before the server named itself. */
  readonly target: string;
  /** What the server calls itself (`hostname -f`, else `hostname`): the folder its files land in. */
  readonly hostname: string;
  /** Whoever logged in; root needs no sudo. */
  readonly sessionUser: string;
  /**
   * Runs argv (each word quoted on the server) or a shell command line:
   * `service` as the vendor's service user with its login environment
   * (`su - zimbra -c`), `root` directly or through sudo, `login` as is.
   * A non-zero exit is a result; a refusal by sudo, a timeout or a lost
   * connection is a CasekitError.
   */
  run(what: readonly string[] | string, as: RunAs, options?: ExecOptions): Promise<ExecResult>;
  /**
   * Copies a remote file to `localPath` (through `.part`, resumed, verified),
   * reading it as root when the login cannot (sudo), since logs under
   * /var/log and dumps often belong to root.
   */
  fetch(remotePath: string, localPath: string, options: HostFetchOptions): Promise<FetchFileResult>;
  /** Settles when the connection ends: null after close(), the reason when it was lost. */
  readonly closed: Promise<CasekitError | null>;
  close(): Promise<void>;
}

export interface HostFetchOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/**
 * Opens a CollectHost for a target; called again to reconnect after a lost
 * connection, for a retry. Rejects with the connect errors (host key refused,
 * authentication failed, unreachable) as CasekitErrors.
 */
export type HostConnector = (target: string, signal: AbortSignal) => Promise<CollectHost>;
