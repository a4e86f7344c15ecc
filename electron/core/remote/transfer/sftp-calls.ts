import { Duplex } from 'node:stream';
import { Client, type SFTPWrapper, type Stats } from 'ssh2';
import { remoteError } from './transfer-errors';

/** What the transfer functions accept: a logged-in client (we open an SFTP session) or an open session. */
export type SftpTarget = Client | SFTPWrapper;

/**
 * The SFTP session for a target, and whether we opened it (and so must end it).
 * Callers that already hold a session pass it, so a folder of files shares one channel.
 */
export async function sftpSession(target: SftpTarget): Promise<{ sftp: SFTPWrapper; owned: boolean }> {
  if (!(target instanceof Client)) return { sftp: target, owned: false };
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    target.sftp((err, session) => (err ? reject(err) : resolve(session))),
  );
  return { sftp, owned: true };
}

const call = <T>(run: (done: (err: Error | undefined | null, value: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value))));

/** sftpSession for reading `remotePath`, a failure worded as such. */
export const sftpSessionToRead = (
  target: SftpTarget,
  remotePath: string,
): Promise<{ sftp: SFTPWrapper; owned: boolean }> =>
  sftpSession(target).catch((err: unknown) => {
    throw remoteError(err, 'open an SFTP session to read', remotePath);
  });

export const sftpOpen = (sftp: SFTPWrapper, path: string): Promise<Buffer> =>
  call((done) => sftp.open(path, 'r', done));

export const sftpFstat = (sftp: SFTPWrapper, handle: Buffer): Promise<Stats> =>
  call((done) => sftp.fstat(handle, done));

export const sftpStat = (sftp: SFTPWrapper, path: string): Promise<Stats> => call((done) => sftp.stat(path, done));

export const sftpRealpath = (sftp: SFTPWrapper, path: string): Promise<string> =>
  call((done) => sftp.realpath(path, done));

/** Reads up to `length` bytes at `position` into `buffer` at `offset`; 0 means end of file. */
export const sftpRead = (
  sftp: SFTPWrapper,
  handle: Buffer,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
): Promise<number> => call((done) => sftp.read(handle, buffer, offset, length, position, (err, n) => done(err, n)));

/**
 * Closes a remote handle without waiting longer than `waitMs`: after a cancel the
 * server answers the close only once it has sent every read still queued before
 * it, which on a slow link can take seconds we do not want the user to wait.
 */
export function sftpCloseQuietly(sftp: SFTPWrapper, handle: Buffer, waitMs = 2000): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    try {
      sftp.close(handle, () => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      // The channel is already gone, and the handle with it.
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * The largest read the server answers in one piece. OpenSSH announces it through
 * its limits extension (261,120 bytes) and ssh2 stores it; a larger request is
 * split by ssh2 into pieces sent one after another, which costs a round trip each.
 */
export function maxReadLength(sftp: SFTPWrapper): number {
  const announced = (sftp as unknown as { _maxReadLen?: unknown })._maxReadLen;
  return typeof announced === 'number' && announced > 0 ? announced : 261_120;
}

/**
 * Aborts when the SFTP channel closes (the connection dropped or the server
 * ended the session). ssh2 fails the requests pending at that moment, but
 * silently drops any sent after, so a transfer must stop issuing them.
 */
export function watchSession(sftp: SFTPWrapper): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onClose = () => controller.abort(new Error('the SFTP session closed'));
  const outgoing = (sftp as unknown as { outgoing?: { state?: unknown } }).outgoing;
  if (outgoing !== undefined && outgoing.state !== 'open') onClose();
  sftp.on('close', onClose);
  sftp.on('end', onClose);
  return {
    signal: controller.signal,
    stop: () => {
      sftp.off('close', onClose);
      sftp.off('end', onClose);
    },
  };
}

/**
 * Turns off Nagle's algorithm on the connection (ssh2 leaves it on). With it
 * on, our small read requests and window adjustments wait for the server's
 * acknowledgements and a loopback copy runs at half speed. Harmless for the
 * other channels of the connection, which only gain from it.
 */
export function disableNagle(target: SftpTarget, sftp?: SFTPWrapper): void {
  const client = target instanceof Client ? target : (sftp as unknown as { _client?: unknown } | undefined)?._client;
  if (client instanceof Client) client.setNoDelay(true);
}

/**
 * While a copy runs, sends what ssh2 writes during one turn of the event loop
 * (read requests, window adjustments) as one write: each separate write on
 * the socket wakes the server, and those wake-ups cost more CPU than the bytes.
 * Returns the function that stops it.
 */
export function coalesceWrites(target: SftpTarget, sftp: SFTPWrapper): () => void {
  const client = target instanceof Client ? target : (sftp as unknown as { _client?: unknown })._client;
  const socket = (client as { _sock?: unknown } | undefined)?._sock;
  if (!(socket instanceof Duplex)) return () => undefined;
  let corked = false;
  const onData = () => {
    if (corked) return;
    corked = true;
    socket.cork();
    setImmediate(() => {
      corked = false;
      socket.uncork();
    });
  };
  socket.prependListener('data', onData);
  return () => socket.off('data', onData);
}
