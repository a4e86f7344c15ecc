import { CasekitError } from '../../../shared/error-codes';
import { fingerprintSha256 } from '../connect/host-key';
import { HostKeyStore, type HostKeyStoreOptions } from '../connect/host-key-store';
import type { HostKeyCheck } from '../connect/known-hosts';

export interface SeenKey {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  blob: Buffer;
}

/** Thrown inside the handshake to stop before logging in, once the key to read has been seen. */
export class StoppedToReadKey extends CasekitError {
  constructor(where: string) {
    super('HOST_KEY_UNKNOWN', `Casekit read the host key of ${where} and stopped there, before logging in.`);
  }
}

/**
 * Casekit's host key store, watching each check it is asked for: the
 * connection tester learns the keys of every hop (the SSH session only reports
 * the last one) and which hop is logging in now, and "replace host key" can
 * read what a server presents without ever authenticating to it.
 */
export class WatchingHostKeyStore extends HostKeyStore {
  readonly seen: SeenKey[] = [];

  constructor(
    options: HostKeyStoreOptions,
    /** Stop the handshake (before any credential is sent) once this host:port has shown its key. */
    private readonly stopAt: { host: string; port: number } | null = null,
  ) {
    super(options);
  }

  override async check(host: string, port: number, keyType: string, keyBlob: Buffer): Promise<HostKeyCheck> {
    this.seen.push({ host, port, keyType, fingerprint: fingerprintSha256(keyBlob), blob: Buffer.from(keyBlob) });
    if (this.stopAt !== null && this.stopAt.host === host && this.stopAt.port === port) {
      throw new StoppedToReadKey(`${host}:${port}`);
    }
    return super.check(host, port, keyType, keyBlob);
  }

  /** The hop whose handshake came last, i.e. the one logging in now. */
  get current(): SeenKey | undefined {
    return this.seen.at(-1);
  }

  keyOf(host: string, port: number): SeenKey | undefined {
    return this.seen.findLast((key) => key.host === host && key.port === port);
  }
}
