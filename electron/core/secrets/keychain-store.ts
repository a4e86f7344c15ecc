import { CasekitError } from '../../shared/error-codes';
import {
  type CredentialStore,
  NoCredentialStore,
  type SecretRef,
  type StoreAvailability,
  secretAccount,
} from './credential-store';

/** The part of keytar we use; a test can hand in another implementation. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export const KEYCHAIN_SERVICE = 'Casekit';

const NO_KEYCHAIN_HINT =
  'On Linux this needs a Secret Service (GNOME Keyring or KWallet) running and unlocked in your session.';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager,
 * libsecret on Linux). keytar is a native module: it is loaded on first use, so
 * a machine without it (or without a keychain) still runs, and says why.
 */
export class KeychainStore implements CredentialStore {
  private keytar: Promise<KeytarLike> | null = null;

  constructor(
    private readonly load: () => Promise<KeytarLike> = async () => (await import('keytar')).default,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  private module(): Promise<KeytarLike> {
    this.keytar ??= this.load();
    return this.keytar;
  }

  async availability(): Promise<StoreAvailability> {
    try {
      // A read of our own service proves the module loads and the keychain answers.
      await (await this.module()).findCredentials(this.service);
      return { available: true };
    } catch (error) {
      return { available: false, reason: `The OS keychain cannot be used (${describe(error)}). ${NO_KEYCHAIN_HINT}` };
    }
  }

  private async call<T>(what: string, run: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    try {
      return await run(await this.module());
    } catch (error) {
      throw new CasekitError(
        'IO_ERROR',
        `Could not ${what} in the OS keychain: ${describe(error)}. ${NO_KEYCHAIN_HINT} Casekit will ask for the secret instead.`,
        { cause: error },
      );
    }
  }

  get(ref: SecretRef): Promise<string | null> {
    return this.call('read a saved secret', (k) => k.getPassword(this.service, secretAccount(ref)));
  }

  set(ref: SecretRef, secret: string): Promise<void> {
    return this.call('save the secret', (k) => k.setPassword(this.service, secretAccount(ref), secret));
  }

  delete(ref: SecretRef): Promise<boolean> {
    return this.call('forget the secret', (k) => k.deletePassword(this.service, secretAccount(ref)));
  }
}

/** The keychain when it works, otherwise a store that remembers nothing and says why. */
export async function openCredentialStore(keychain: CredentialStore = new KeychainStore()): Promise<{
  store: CredentialStore;
  availability: StoreAvailability;
}> {
  const availability = await keychain.availability();
  if (availability.available) return { store: keychain, availability };
  return { store: new NoCredentialStore(availability.reason), availability };
}
