import { CasekitError } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';
import type { UnknownHostKeyInfo } from './connect-types';
import { fingerprintSha256, keyTypeOf } from './host-key';
import {
  hostKeyChangedError,
  hostKeyRejectedError,
  hostKeyRevokedError,
  hostKeySwitchedError,
  type PresentedKey,
} from './host-key-errors';
import type { HostKeyStore } from './host-key-store';
import type { SshTarget } from './ssh-target';

export interface HostKeyGateOptions {
  store: HostKeyStore;
  target: SshTarget;
  where: string;
  onUnknownHostKey(info: UnknownHostKeyInfo): Promise<boolean>;
  waitForUser<T>(question: Promise<T>): Promise<T>;
}

/**
 * Decides about the host key inside ssh2's handshake, before the client has
 * sent its user name or anything else: ssh2 starts authentication only after
 * `verify(true)`. A refusal keeps its reason here, since ssh2 itself only
 * reports "Host denied (verification failed)".
 */
export class HostKeyGate {
  failure: CasekitError | null = null;
  private accepted: { type: string; fingerprint: string; blob: Buffer } | null = null;
  private pendingTrust: { keyType: string; blob: Buffer } | null = null;

  constructor(private readonly options: HostKeyGateOptions) {}

  /** The key the server proved it holds, once the handshake is done. */
  get hostKey(): { type: string; fingerprint: string } | null {
    return this.accepted === null ? null : { type: this.accepted.type, fingerprint: this.accepted.fingerprint };
  }

  /** ssh2's asynchronous `hostVerifier(key, verify)`; it is called again on every re-key. */
  readonly verifier = (blob: Buffer, verify: (accept: boolean) => void): void => {
    this.decide(blob).then(
      () => verify(true),
      (err: unknown) => {
        this.failure =
          err instanceof CasekitError
            ? err
            : new CasekitError(
                'INTERNAL',
                `Checking the host key of ${this.options.where} failed: ${errorMessage(err)}`,
              );
        verify(false);
      },
    );
  };

  /**
   * Saves a key the user accepted. Called only once the handshake has
   * finished, i.e. after the server proved it holds the private half, so a
   * spoofed key that fails its signature is never written down.
   */
  async commit(): Promise<void> {
    const pending = this.pendingTrust;
    if (pending === null) return;
    this.pendingTrust = null;
    const { host, port } = this.options.target;
    await this.options.store.trust(host, port, pending.keyType, pending.blob);
  }

  private async decide(blob: Buffer): Promise<void> {
    const { target, where, store } = this.options;
    const keyType = keyTypeOf(blob);
    if (keyType === null) {
      throw new CasekitError('CONNECTION_LOST', `${where} sent a malformed host key; the connection was closed.`);
    }
    const key: PresentedKey = {
      where,
      host: target.host,
      port: target.port,
      keyType,
      fingerprint: fingerprintSha256(blob),
    };
    if (this.accepted !== null) {
      if (this.accepted.blob.equals(blob)) return;
      throw hostKeySwitchedError(key, this.accepted.fingerprint);
    }
    const check = await store.check(target.host, target.port, keyType, blob);
    switch (check.status) {
      case 'revoked':
        throw hostKeyRevokedError(key, check.entry);
      case 'changed':
        throw hostKeyChangedError(key, check.expectedFingerprints, check.entries, store.appKnownHostsFile);
      case 'unknown': {
        const info: UnknownHostKeyInfo = {
          host: target.host,
          port: target.port,
          keyType,
          fingerprint: key.fingerprint,
          knownKeyTypes: check.knownKeyTypes,
          where,
        };
        if (!(await this.options.waitForUser(this.options.onUnknownHostKey(info)))) throw hostKeyRejectedError(key);
        this.pendingTrust = { keyType, blob };
        break;
      }
      case 'trusted':
        break;
    }
    this.accepted = { type: keyType, fingerprint: key.fingerprint, blob };
  }
}
