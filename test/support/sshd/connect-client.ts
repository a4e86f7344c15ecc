import { createHash } from 'node:crypto';
import { Client, type ConnectConfig } from 'ssh2';
import type { TestSshd } from './start-sshd';

/**
 * A plain ssh2 client logged in to the test sshd with its client key, checking
 * the host key by fingerprint: for tests of exec and transfers that should not
 * depend on Casekit's own connection code. Any test server with those fields
 * will do (the test Zimbra hosts too, at their own address).
 */
export function connectTestClient(
  sshd: Pick<TestSshd, 'port' | 'hostKeys' | 'clientKey'> & { host: string },
  user = 'root',
  extra: Partial<ConnectConfig> = {},
): Promise<Client> {
  const trusted = new Set(sshd.hostKeys.map((key) => key.fingerprint));
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: user,
      privateKey: sshd.clientKey,
      hostVerifier: (key: Buffer) =>
        trusted.has(`SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`),
      readyTimeout: 10_000,
      ...extra,
    });
  });
}
