import ssh2, { type IdentityCallback, type ParsedKey, type SignCallback, type SigningRequestOptions } from 'ssh2';

/**
 * Offers one encrypted key by its public half and asks for the passphrase
 * only when the server has said it would accept that key, as OpenSSH does.
 * ssh2 signs with a plain key synchronously, so a passphrase prompt cannot
 * sit there; its agent interface signs asynchronously, which is why an
 * encrypted key is presented to ssh2 as a one-key agent.
 */
export class LockedKeyAgent extends ssh2.BaseAgent<ParsedKey> {
  constructor(
    private readonly publicKey: ParsedKey,
    /** Resolves the decrypted key, or rejects (declined passphrase, or three wrong ones). */
    private readonly unlock: () => Promise<ParsedKey>,
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    cb(null, [this.publicKey]);
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions, cb?: SignCallback): void;
  sign(pubKey: ParsedKey, data: Buffer, cb: SignCallback): void;
  sign(
    _pubKey: ParsedKey,
    data: Buffer,
    optionsOrCb: SigningRequestOptions | SignCallback,
    maybeCb?: SignCallback,
  ): void {
    const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb;
    const hash = typeof optionsOrCb === 'function' ? undefined : optionsOrCb.hash;
    if (cb === undefined) return;
    this.unlock().then(
      (key) => {
        // A stale .pub next to the key would make the server check a signature from another key.
        if (!key.getPublicSSH().equals(this.publicKey.getPublicSSH())) {
          return cb(new Error('the decrypted key does not match its public key file (is the .pub file stale?)'));
        }
        const signature = key.sign(data, hash) as Buffer | Error;
        if (signature instanceof Error) cb(signature);
        else cb(null, signature);
      },
      (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
    );
  }
}
