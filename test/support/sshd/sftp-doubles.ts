import type { Client, FileEntryWithStats, SFTPWrapper } from 'ssh2';

type ReadCallback = (err: Error | undefined, bytesRead: number, buffer: Buffer, position: number) => void;

/**
 * An SFTP session that behaves like `sftp` except where a test intervenes.
 * Every other property is the real session's (methods bound to it), so ssh2's
 * own bookkeeping stays on the real object.
 */
function intercept(sftp: SFTPWrapper, overrides: Partial<Record<keyof SFTPWrapper, unknown>>): SFTPWrapper {
  return new Proxy(sftp, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof SFTPWrapper];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface GatedSftp {
  sftp: SFTPWrapper;
  /** Settles when the first read at or past the gate is held. */
  reached: Promise<void>;
  /** Lets the held reads (and all later ones) through. */
  open(): void;
}

/**
 * Holds every read that starts at or past byte `at` until `open()`: the test
 * can then change the remote file, or cut the connection, at a known point of
 * the transfer however fast the link is.
 */
export function gateReads(sftp: SFTPWrapper, at: number): GatedSftp {
  let isOpen = false;
  const held: (() => void)[] = [];
  let markReached = () => {};
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const read = (handle: Buffer, buffer: Buffer, offset: number, length: number, position: number, cb: ReadCallback) => {
    const forward = () => sftp.read(handle, buffer, offset, length, position, cb);
    if (isOpen || position < at) return forward();
    held.push(forward);
    markReached();
  };
  return {
    sftp: intercept(sftp, { read }),
    reached,
    open: () => {
      isOpen = true;
      for (const forward of held.splice(0)) forward();
    },
  };
}

/** Hands read replies on no faster than `bytesPerSec`: a slow link, for tests of the mode choice. */
export function slowReads(sftp: SFTPWrapper, bytesPerSec: number): SFTPWrapper {
  let linkFreeAt = 0;
  const read = (handle: Buffer, buffer: Buffer, offset: number, length: number, position: number, cb: ReadCallback) =>
    sftp.read(handle, buffer, offset, length, position, (err, bytesRead, data, at) => {
      linkFreeAt = Math.max(linkFreeAt, performance.now()) + (bytesRead * 1000) / bytesPerSec;
      setTimeout(() => cb(err, bytesRead, data, at), linkFreeAt - performance.now());
    });
  return intercept(sftp, { read });
}

/** Adds `extra` entries to every listing of `dir`: what a malicious server could send. */
export function addListingEntries(sftp: SFTPWrapper, dir: string, extra: FileEntryWithStats[]): SFTPWrapper {
  const readdir = (location: string, cb: (err: Error | undefined, list: FileEntryWithStats[]) => void) =>
    sftp.readdir(location, (err, list) => cb(err, err || location !== dir ? list : [...list, ...extra]));
  return intercept(sftp, { readdir });
}

/** Opens an SFTP session on a test client. */
export function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}
