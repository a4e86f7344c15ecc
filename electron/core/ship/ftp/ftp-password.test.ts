import { describe, expect, it } from 'vitest';
import type { CredentialStore, SecretRef } from '../../secrets/credential-store';
import { secretAccount } from '../../secrets/credential-store';
import { ftpPasswordRef, saveFtpPassword, savedFtpPassword } from './ftp-password';

/** A keychain kept in memory, keyed exactly as the OS keychain entry would be. */
class MemoryStore implements CredentialStore {
  readonly entries = new Map<string, string>();
  broken = false;
  async availability() {
    return { available: true } as const;
  }
  async get(ref: SecretRef) {
    if (this.broken) throw new Error('keychain locked');
    return this.entries.get(secretAccount(ref)) ?? null;
  }
  async set(ref: SecretRef, secret: string) {
    this.entries.set(secretAccount(ref), secret);
  }
  async delete(ref: SecretRef) {
    return this.entries.delete(secretAccount(ref));
  }
}

const target = { user: 'upload', host: 'ftp.example.com', port: 21 };

describe('FTP passwords in the keychain', () => {
  it('are keyed by user, host and port', () => {
    expect(secretAccount(ftpPasswordRef(target))).toBe('ftp-password:upload@ftp.example.com:21');
  });

  it('come back as saved, and only for the same account', async () => {
    const store = new MemoryStore();
    await saveFtpPassword(store, target, 's3cret');
    expect(await savedFtpPassword(store, target)).toEqual({ password: 's3cret', problem: null });
    expect(await savedFtpPassword(store, { ...target, port: 990 })).toEqual({ password: null, problem: null });
  });

  it('a keychain that cannot be read gives no password and says why', async () => {
    const store = new MemoryStore();
    store.broken = true;
    expect(await savedFtpPassword(store, target)).toEqual({ password: null, problem: 'keychain locked' });
  });
});
