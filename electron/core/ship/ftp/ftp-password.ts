import type { CredentialStore, SecretRef } from '../../secrets/credential-store';
import type { FtpTarget } from './ftp-url';

/** The keychain entry of an FTP account: one per user, host and port, so the UI and the CLI find the same one. */
export function ftpPasswordRef(target: Pick<FtpTarget, 'user' | 'host' | 'port'>): SecretRef {
  return { kind: 'ftp-password', user: target.user, host: target.host, port: target.port };
}

/**
 * The saved password of an FTP account, or null when none is saved or the
 * keychain cannot be read (a locked keychain is no reason to fail: the caller
 * asks instead, and `problem` says why nothing came from the keychain).
 */
export async function savedFtpPassword(
  store: CredentialStore,
  target: Pick<FtpTarget, 'user' | 'host' | 'port'>,
): Promise<{ password: string | null; problem: string | null }> {
  try {
    return { password: await store.get(ftpPasswordRef(target)), problem: null };
  } catch (error) {
    return { password: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Remembers a password the server accepted (only when the user asked to). */
export function saveFtpPassword(
  store: CredentialStore,
  target: Pick<FtpTarget, 'user' | 'host' | 'port'>,
  password: string,
): Promise<void> {
  return store.set(ftpPasswordRef(target), password);
}
