import { Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { fingerprintSha256, keyTypeOf } from '../connect/host-key';
import type { HostKeyStore } from '../connect/host-key-store';
import { mapConnectError } from '../connect/ssh-errors';

export interface HostKeyReport {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  status: 'trusted' | 'unknown' | 'changed' | 'revoked';
  /** For a changed key: the fingerprints trusted before. */
  expectedFingerprints: string[];
}

/**
 * Reads the host key a server presents and judges it against the store,
 * without logging in: the verifier refuses every key, so ssh2 closes the
 * connection before any authentication, and nothing is trusted by this.
 */
export async function readHostKey(
  host: string,
  port: number,
  store: HostKeyStore,
  options: { timeoutMs?: number } = {},
): Promise<HostKeyReport> {
  const where = `${host}:${port}`;
  // Ask for a key type we already know for this host first, as ssh does, so a
  // trusted ecdsa key is not reported as an unknown ed25519 one.
  const known = await store.knownKeyTypes(host, port);
  const blob = await new Promise<Buffer>((resolve, reject) => {
    const client = new Client();
    let presented: Buffer | null = null;
    client.on('error', (error) => {
      client.destroy();
      if (presented !== null) resolve(presented);
      else reject(mapConnectError(error, { where }));
    });
    client.on('close', () => (presented !== null ? resolve(presented) : undefined));
    client.connect({
      host,
      port,
      username: 'casekit-hostkey-probe',
      readyTimeout: options.timeoutMs ?? 20_000,
      hostVerifier: (key: Buffer) => {
        presented = Buffer.from(key);
        return false;
      },
      ...(known.length > 0 ? { algorithms: { serverHostKey: preferred(known) } } : {}),
    });
  });
  const keyType = keyTypeOf(blob);
  if (keyType === null) throw new CasekitError('CONNECTION_LOST', `${where} presented a host key Casekit cannot read.`);
  const check = await store.check(host, port, keyType, blob);
  return {
    host,
    port,
    keyType,
    fingerprint: fingerprintSha256(blob),
    status: check.status,
    expectedFingerprints: check.status === 'changed' ? check.expectedFingerprints : [],
  };
}

const DEFAULT_HOST_KEY_ORDER = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
] as const;

/** Host key algorithms with the ones matching known key types first (an `ssh-rsa` key is negotiated as rsa-sha2-*). */
function preferred(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  const wanted = knownTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256'] : [type]));
  return [...new Set([...wanted, ...DEFAULT_HOST_KEY_ORDER])].filter((name): name is ServerHostKeyAlgorithm =>
    (DEFAULT_HOST_KEY_ORDER as readonly string[]).includes(name),
  );
}
