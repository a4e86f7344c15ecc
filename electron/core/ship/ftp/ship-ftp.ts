import { CasekitError } from '../../../shared/error-codes';
import { listShipFiles } from '../ship-files';
import type { ShipFileResult, ShipProgressListener, ShipReceipt } from '../ship-types';
import { type Backoff, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff';
import { ChunkPool } from './file-source';
import type { AcceptedCertificate } from './ftp-certificate';
import { normaliseFingerprint } from './ftp-certificate';
import { ftpError } from './ftp-errors';
import { putFile } from './ftp-put-file';
import { describeTarget, type FtpSession, openFtpSession } from './ftp-session';
import { ANONYMOUS, type FtpTls, parseFtpUrl } from './ftp-url';

export interface ShipFtpOptions {
  /** The bundle folder `casekit pack` wrote. */
  bundleDir: string;
  /** `ftp://` or `ftps://[user@]host[:port]/dir`; the user defaults to anonymous. */
  url: string;
  password: string | null;
  /** Default: implicit for `ftps://` on port 990 (its default port), otherwise explicit; `off` only when asked. */
  tls?: FtpTls;
  /** `SHA256:…` of a certificate the user accepted after seeing it (self-signed or from an unknown authority). */
  trustedCertificate?: string;
  /** Extra certificate authorities (PEM), added to the system's. */
  caCertificates?: string[];
  /** How long any one step (connect, reply, data silence) may take; default 30 s. */
  timeoutMs?: number;
  /** Retries per file after a dropped connection, a timeout or a temporary reply; default 5. */
  retries?: number;
  backoff?: Backoff;
  signal?: AbortSignal;
  onProgress?: ShipProgressListener;
}

/** A receipt with what only FTP knows; the case records the common part (unknown keys are dropped there). */
export type FtpShipReceipt = ShipReceipt & {
  channel: 'ftp';
  /** The TLS certificate the files went to, and how it was trusted; null with --tls off. */
  certificate: AcceptedCertificate | null;
  /** Things the user should know although nothing failed (a password sent in plain text). */
  warnings: string[];
};

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 5;
/**
 * 512 KiB reads, up to 16 kept: the first bytes of each part leave sooner,
 * and a chunk is copied into the socket while it is still in the cache. On a
 * quiet loopback, against 4 MiB × 4: 20 parts of 9.5 MiB in 190 instead of
 * 240 ms, one 512 MiB file as fast or faster, half the system time.
 */
const READ_CHUNK = 512 * 1024;
// Enough chunks in this stream, in the socket and being read that reading never waits for them.
const KEPT_CHUNKS = 16;
// A session can fail this way mid-run too (a changed certificate, a revoked password): retrying would not help.
const FATAL = new Set(['AUTH_FAILED', 'TLS_CERT_UNTRUSTED', 'DNS_FAILED']);

function pending(name: string, size: number, sha256: string | null): ShipFileResult {
  return { name, size, sha256, status: 'not-sent', attempts: 0, serverAnswer: null, error: null };
}

/**
 * Uploads a bundle folder (its parts, README, checksum files, SHA256SUMS last)
 * into the case's folder on an FTP server. A run can always be repeated: what
 * the server holds in full is skipped, what it holds in part is completed.
 * Dropped connections are retried with backoff on a new connection. Throws for
 * what stops everything (bad URL, no login, untrusted certificate, server
 * unreachable); returns a receipt listing each file otherwise.
 */
export async function shipFtp(options: ShipFtpOptions): Promise<FtpShipReceipt> {
  const target = parseFtpUrl(options.url, options.tls);
  const trustedCertificate =
    options.trustedCertificate === undefined ? undefined : normaliseFingerprint(options.trustedCertificate);
  const { signal, onProgress } = options;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const startedAt = new Date().toISOString();
  const files = await listShipFiles(options.bundleDir);
  const results = files.map((file) => pending(file.name, file.size, file.sha256));
  const warnings: string[] = [];
  if (target.tls === 'off' && target.user !== ANONYMOUS && options.password !== null) {
    warnings.push(
      `TLS is off: the password of ${target.user} and every file crossed the network unencrypted to ${describeTarget(target)}.`,
    );
  }

  const pool = new ChunkPool(READ_CHUNK, KEPT_CHUNKS);
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  let bytesFinished = 0;
  let filesDone = 0;
  const report = (file: string | null, current: number) =>
    onProgress?.({ file, bytesDone: bytesFinished + current, bytesTotal, filesDone, filesTotal: files.length });

  // Held in one object: closures (abort, connect) change it, which flow analysis would not see in plain lets.
  const state: {
    session: FtpSession | null;
    live: { close(): void } | null;
    connected: boolean;
    certificate: AcceptedCertificate | null;
  } = { session: null, live: null, connected: false, certificate: null };
  const onAbort = () => state.live?.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  const cancelled = () =>
    new CasekitError(
      'CANCELLED',
      `The FTP upload was cancelled after ${filesDone} of ${files.length} files. Run it again to go on: complete files are skipped and a partial one continues where it stopped.`,
    );
  const drop = () => {
    state.session?.client.close();
    state.session = null;
  };
  const connect = async (): Promise<FtpSession> => {
    if (state.session !== null && !state.session.client.closed) return state.session;
    const session = await openFtpSession(
      {
        target,
        password: options.password,
        trustedCertificate,
        caCertificates: options.caCertificates,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
      (client) => {
        state.live = client;
        if (signal?.aborted) client.close();
      },
    );
    state.session = session;
    state.connected = true;
    state.certificate = session.certificate;
    return session;
  };

  try {
    if (signal?.aborted) throw cancelled();
    report(null, 0);
    let stopped = false;
    for (const [index, file] of files.entries()) {
      const result = results[index];
      if (stopped || result === undefined) break;
      let sentBefore = false;
      for (;;) {
        result.attempts += 1;
        let start = 0;
        try {
          const { client, freshFolder } = await connect();
          const put = await putFile(
            client,
            file,
            pool,
            sentBefore,
            // Each file is tried once per session (a retry opens a new one, which finds the folder there).
            freshFolder,
            (offset, sending) => {
              // From here on a full file on the server is this run's doing, not an earlier run's.
              sentBefore ||= sending;
              start = offset;
              report(file.name, start);
            },
            (bytes) => report(file.name, start + bytes),
          );
          Object.assign(result, { status: put.status, serverAnswer: put.serverAnswer, error: null });
          break;
        } catch (caught) {
          if (signal?.aborted) throw cancelled();
          const error =
            state.session?.certificateMismatch ??
            ftpError(caught, `The FTP server ${describeTarget(target)}`, 'transfer');
          // Before the first login nothing was sent: an error there is the whole run's, retried only when the network blinked.
          const firstContact = !state.connected;
          if (FATAL.has(error.code) || (firstContact && (!error.retryable || error.code === 'CONNECTION_REFUSED'))) {
            throw error;
          }
          if (error.retryable) drop();
          if (error.retryable && result.attempts <= retries) {
            await sleep(backoffDelay(result.attempts, backoff), signal);
            continue;
          }
          const exhausted = error.retryable && error.code !== 'TRANSFER_VERIFY_FAILED';
          const message = exhausted ? `Gave up after ${result.attempts} attempts: ${error.message}` : error.message;
          if (firstContact) throw new CasekitError(error.code, message, { retryable: error.retryable });
          result.status = 'failed';
          result.error = { code: exhausted ? 'UPLOAD_FAILED' : error.code, message };
          // A connection that keeps failing will fail the next files too: they stay 'not-sent', for a later run.
          stopped = error.retryable;
          break;
        }
      }
      if (result.status === 'sent' || result.status === 'already-there') {
        bytesFinished += file.size;
        filesDone += 1;
        report(null, 0);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    drop();
  }
  return {
    channel: 'ftp',
    destination: target.destination,
    startedAt,
    finishedAt: new Date().toISOString(),
    files: results,
    complete: results.every((result) => result.status === 'sent' || result.status === 'already-there'),
    certificate: state.certificate,
    warnings,
  };
}
