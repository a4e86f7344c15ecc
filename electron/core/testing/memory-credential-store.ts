import { type CredentialStore, type SecretRef, secretAccount } from '../secrets/credential-store';

/** A keychain in memory, for tests: what was saved can be looked at. */
export class MemoryStore implements CredentialStore {
  readonly saved = new Map<string, string>();
  async availability() {
    return { available: true as const };
  }
  async get(ref: SecretRef) {
    return this.saved.get(secretAccount(ref)) ?? null;
  }
  async set(ref: SecretRef, secret: string) {
    this.saved.set(secretAccount(ref), secret);
  }
  async delete(ref: SecretRef) {
    return this.saved.delete(secretAccount(ref));
  }
}
