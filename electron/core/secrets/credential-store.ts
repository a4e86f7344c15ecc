/**
 * What a secret is for. The account string is derived from it, so the same
 * server always finds the same entry, and nothing secret is in the name.
 */
export type SecretRef =
  | { kind: 'ssh-password'; user: string; host: string; port: number }
  | { kind: 'ssh-passphrase'; keyFile: string }
  | { kind: 'sudo-password'; user: string; host: string; port: number }
  | { kind: 'portal-token'; url: string }
  | { kind: 'ftp-password'; user: string; host: string; port: number };

export function secretAccount(ref: SecretRef): string {
  switch (ref.kind) {
    case 'ssh-password':
    case 'sudo-password':
    case 'ftp-password':
      return `${ref.kind}:${ref.user}@${ref.host}:${ref.port}`;
    case 'ssh-passphrase':
      return `${ref.kind}:${ref.keyFile}`;
    case 'portal-token':
      return `${ref.kind}:${ref.url}`;
  }
}

export type StoreAvailability = { available: true } | { available: false; reason: string };

/**
 * Where saved secrets live: the OS keychain, or nowhere. There is deliberately
 * no file-backed implementation: without a keychain Casekit asks every time
 * rather than keep a password in plain text.
 */
export interface CredentialStore {
  availability(): Promise<StoreAvailability>;
  get(ref: SecretRef): Promise<string | null>;
  /** Saving is opt-in: callers only call this when the user ticked "remember". */
  set(ref: SecretRef, secret: string): Promise<void>;
  /** Forget a saved secret; true when there was one. */
  delete(ref: SecretRef): Promise<boolean>;
}

/** Used when no keychain works: remembers nothing, and says why. */
export class NoCredentialStore implements CredentialStore {
  constructor(private readonly reason: string) {}

  async availability(): Promise<StoreAvailability> {
    return { available: false, reason: this.reason };
  }

  async get(): Promise<string | null> {
    return null;
  }

  async set(): Promise<void> {
    throw new Error(`Casekit cannot save secrets here: ${this.reason} It will ask for them each time instead.`);
  }

  async delete(): Promise<boolean> {
    return false;
  }
}
