import { CasekitError } from '../../../shared/error-codes';

/**
 * The server's SHA-256 of the first `bytes` bytes of `remotePath` (only those:
 * a log keeps growing after we opened it), or null when the server cannot
 * compute one. The caller decides how (exec, sudo, …).
 */
export type RemoteSha256 = (range: { remotePath: string; bytes: number }) => Promise<string | null>;

/**
 * Compares our checksum with the server's: 'sha256' when they match, 'size'
 * when the server could not compute one (the size was checked already).
 */
export async function verifySha256(
  remotePath: string,
  bytes: number,
  localSha256: string,
  remoteSha256: RemoteSha256 | undefined,
): Promise<'sha256' | 'size'> {
  if (!remoteSha256) return 'size';
  const remote = await remoteSha256({ remotePath, bytes });
  if (remote === null) return 'size';
  if (remote.trim().toLowerCase() !== localSha256)
    throw new CasekitError(
      'TRANSFER_VERIFY_FAILED',
      `The copy of ${remotePath} does not match the server's checksum (ours ${localSha256}, the server's ${remote.trim()}); it was discarded. Copy it again.`,
    );
  return 'sha256';
}

/** `promise`, unless `signal` aborts first: then its reason. */
export function untilSettledOrAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
