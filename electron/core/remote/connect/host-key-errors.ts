import { CasekitError } from '../../../shared/error-codes';
import type { KnownHostEntry } from './known-hosts';
import { knownHostsName } from './known-hosts-match';

/** What a host-key message needs to name: the hop as users know it, and the key the server showed. */
export interface PresentedKey {
  /** e.g. `127.0.0.1:2222` or `jump host 1 of 2, bastion:22` */
  where: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

const NO_CREDENTIALS = 'Casekit stopped before logging in, so no password or key was sent.';

function locations(entries: readonly KnownHostEntry[]): string {
  return [...new Set(entries.map((entry) => `${entry.file} line ${entry.line}`))].join(', ');
}

function serverSideCheck(keyType: string): string {
  const file = keyType.replace(/^ssh-/, '').replace(/^ecdsa-sha2-nistp\d+$/, 'ecdsa');
  return `ssh-keygen -l -f /etc/ssh/ssh_host_${file}_key.pub`;
}

/**
 * The key differs from the one trusted before. Said plainly because the
 * usual cause (a reinstalled server) and the dangerous one (someone in the
 * middle) look the same from here; only the server's console can tell them apart.
 */
export function hostKeyChangedError(
  key: PresentedKey,
  expectedFingerprints: readonly string[],
  entries: readonly KnownHostEntry[],
  appFile: string,
): CasekitError {
  const inUserFile = entries.filter((entry) => entry.file !== appFile);
  const fix =
    inUserFile.length > 0
      ? `The old key is recorded in your own known_hosts (${locations(inUserFile)}), which Casekit only reads and never changes: once the new key is confirmed, remove the old one with ssh-keygen -R "${knownHostsName(key.host, key.port)}" and connect again.`
      : 'If the new key is right, replace the trusted key in Casekit deliberately (Replace host key); Casekit will not do it on its own.';
  return new CasekitError(
    'HOST_KEY_CHANGED',
    `The host key of ${key.where} has changed: the server now presents the ${key.keyType} key ${key.fingerprint}, ` +
      `but ${expectedFingerprints.join(' or ')} was trusted for it (${locations(entries)}). ` +
      `Someone may be intercepting the connection, or the server was reinstalled. ${NO_CREDENTIALS} ` +
      `Ask the server's administrator to confirm the new fingerprint on the server itself (${serverSideCheck(key.keyType)}). ${fix}`,
  );
}

export function hostKeyRevokedError(key: PresentedKey, entry: KnownHostEntry): CasekitError {
  return new CasekitError(
    'HOST_KEY_REVOKED',
    `The host key of ${key.where} (${key.keyType} ${key.fingerprint}) is marked @revoked in ${entry.file} line ${entry.line}. ` +
      `${NO_CREDENTIALS} A revoked key must not be trusted again: ask the server's administrator to install a new host key, ` +
      'then trust the new key when Casekit shows its fingerprint.',
  );
}

export function hostKeyRejectedError(key: PresentedKey): CasekitError {
  return new CasekitError(
    'HOST_KEY_UNKNOWN',
    `The host key of ${key.where} (${key.keyType} ${key.fingerprint}) is not known and was not accepted. ${NO_CREDENTIALS} ` +
      `Compare the fingerprint with the one on the server (${serverSideCheck(key.keyType)}) and accept it if they match.`,
  );
}

/** A rekey presented another key than the handshake did: OpenSSH treats this as fatal, and so do we. */
export function hostKeySwitchedError(key: PresentedKey, first: string): CasekitError {
  return new CasekitError(
    'HOST_KEY_CHANGED',
    `${key.where} presented the host key ${first} when the connection opened and ${key.fingerprint} when it renegotiated keys. ` +
      'A server never does this on its own; the connection was closed. Connect again, and if it repeats, ask the network administrator to check for interception.',
  );
}
