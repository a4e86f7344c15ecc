import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authAttempts,
  makeConnectFixture,
  targetOf,
  type ConnectFixture,
} from '../../../../test/support/sshd/connect-fixture';
import { runRemote } from '../../../../test/support/sshd/run-remote';
import { startSilentServer, type SilentServer } from '../../../../test/support/sshd/silent-server';
import { freePort, startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { caught } from '../../testing/caught';
import { connectSsh } from './connect';

let plain: TestSshd;
let cbcOnly: TestSshd;
let sha1RsaOnly: TestSshd;
let silent: SilentServer;
beforeAll(async () => {
  [plain, cbcOnly, sha1RsaOnly, silent] = await Promise.all([
    startSshd(),
    startSshd({ config: ['Ciphers aes256-cbc', 'MACs hmac-sha1'] }),
    startSshd({ hostKeyTypes: ['rsa'], config: ['HostKeyAlgorithms ssh-rsa'] }),
    startSilentServer(),
  ]);
});
afterAll(() => Promise.all([plain?.stop(), cbcOnly?.stop(), sha1RsaOnly?.stop(), silent?.stop()]));

let f: ConnectFixture;
beforeEach(() => {
  f = makeConnectFixture();
});
afterEach(() => f.remove());

const withKey = (sshd: TestSshd, extra = {}) =>
  f.options(targetOf(sshd, { identityFiles: [sshd.clientKeyPath], ...extra }));

/** Stands in for the OS resolver so no DNS query leaves the machine: knows one name, and no other. */
function fakeResolver(known: Record<string, string>): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    asked.push(hostname);
    const address = known[hostname];
    if (address === undefined) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        syscall: 'getaddrinfo',
        hostname,
      });
      return callback(err);
    }
    if (options.all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  }) as LookupFunction;
  return { lookup, asked };
}

describe('network errors name the host and port and say what to check', () => {
  it('DNS_FAILED for a name that does not resolve', async () => {
    const resolver = fakeResolver({});
    const target = targetOf(plain, { host: 'no-such-host.invalid', port: 22 });
    const err = await caught(connectSsh(f.options(target, { lookup: resolver.lookup })));
    expect(err.code).toBe('DNS_FAILED');
    expect(err.message).toContain('no-such-host.invalid:22');
    expect(err.message).toContain('ENOTFOUND');
    expect(resolver.asked).toEqual(['no-such-host.invalid']);
  });

  it('resolves the first hop through the given resolver', async () => {
    const resolver = fakeResolver({ 'sshd.test': '127.0.0.1' });
    const session = await connectSsh({ ...withKey(plain, { host: 'sshd.test' }), lookup: resolver.lookup });
    await session.close();
    expect(resolver.asked).toEqual(['sshd.test']);
    // the host key is filed under the name the user gave, as OpenSSH does
    expect(f.asked.unknownHostKeys[0]).toMatchObject({ host: 'sshd.test', port: plain.port });
  });

  it('CONNECTION_REFUSED for a closed port', async () => {
    const port = await freePort();
    const err = await caught(connectSsh(f.options(targetOf(plain, { port }))));
    expect(err.code).toBe('CONNECTION_REFUSED');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toContain('sshd is running');
  });

  it('CONNECTION_TIMEOUT for a server that accepts and never speaks', async () => {
    const started = Date.now();
    const err = await caught(connectSsh(f.options(targetOf(plain, { port: silent.port }), { readyTimeoutMs: 400 })));
    expect(err.code).toBe('CONNECTION_TIMEOUT');
    expect(err.message).toContain(
      `127.0.0.1:${silent.port} accepted the connection but did not complete an SSH handshake within 0.4 s`,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('CONNECTION_LOST for a server that hangs up before SSH starts', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const err = await caught(connectSsh(f.options(targetOf(plain, { port }))));
      expect(err.code).toBe('CONNECTION_LOST');
      expect(err.message).toContain(`127.0.0.1:${port} closed the connection before SSH started`);
    } finally {
      server.close();
    }
  });

  it('reports through `closed` when the server drops an established session', async () => {
    const session = await connectSsh(withKey(plain));
    // kills the sshd process serving this session: the TCP connection goes away without a goodbye
    void runRemote(session.client, 'kill -9 $PPID').catch(() => undefined);
    const reason = await session.closed;
    expect(reason?.code).toBe('CONNECTION_LOST');
    expect(reason?.message).toContain(`127.0.0.1:${plain.port}`);
  });
});

describe('keepalive', () => {
  it('notices a server that stops answering, and reports it through `closed`', async () => {
    const session = await connectSsh({ ...withKey(plain), keepaliveIntervalMs: 200 });
    // the sshd process serving this session, frozen locally: the TCP connection stays up but nothing answers
    const pid = Number((await runRemote(session.client, 'echo $PPID')).trim());
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const reason = await session.closed;
      expect(reason?.code).toBe('CONNECTION_LOST');
      expect(reason?.message).toContain('stopped answering keepalive messages');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });
});

describe('algorithms', () => {
  it('NO_COMMON_ALGORITHM names what the server offers and the legacy switch; nothing is sent', async () => {
    const before = cbcOnly.log().length;
    const err = await caught(connectSsh(withKey(cbcOnly)));
    expect(err.code).toBe('NO_COMMON_ALGORITHM');
    expect(err.message).toContain(`127.0.0.1:${cbcOnly.port}`);
    expect(err.message).toMatch(/no cipher in common/);
    expect(err.message).toContain('The server offers only: aes256-cbc.');
    expect(err.message).toContain('enable legacy algorithms for this server');
    expect(f.asked.unknownHostKeys).toEqual([]);
    expect(authAttempts(cbcOnly.log().slice(before))).toEqual([]);
  });

  it('connects to the same server with legacy algorithms enabled', async () => {
    const session = await connectSsh(withKey(cbcOnly, { legacyAlgorithms: true }));
    expect(await runRemote(session.client, 'echo ok')).toBe('ok\n');
    await session.close();
  });

  it('offers SHA-1 RSA host-key signatures (ssh-rsa) only with legacy algorithms', async () => {
    const err = await caught(connectSsh(withKey(sha1RsaOnly)));
    expect(err.code).toBe('NO_COMMON_ALGORITHM');
    expect(err.message).toMatch(/no host key type in common.*offers only: ssh-rsa\./);
    const session = await connectSsh(withKey(sha1RsaOnly, { legacyAlgorithms: true }));
    expect(session.hostKey.fingerprint).toBe(sha1RsaOnly.hostKeys[0]!.fingerprint);
    await session.close();
  });
});

describe('cancelling and bad input', () => {
  it('CANCELLED when the signal fires while the user is still deciding', async () => {
    const controller = new AbortController();
    const err = await caught(
      connectSsh({
        ...withKey(plain),
        signal: controller.signal,
        onUnknownHostKey: () => {
          setTimeout(() => controller.abort(), 50);
          return new Promise<boolean>(() => undefined);
        },
      }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(err.message).toContain(`127.0.0.1:${plain.port}`);
  });

  it('CANCELLED at once for a signal that already fired', async () => {
    const err = await caught(connectSsh({ ...withKey(plain), signal: AbortSignal.abort() }));
    expect(err.code).toBe('CANCELLED');
  });

  it('SSH_CONFIG_INVALID for a hand-made target with an impossible port', async () => {
    const err = await caught(connectSsh(f.options(targetOf(plain, { port: 0 }))));
    expect(err.code).toBe('SSH_CONFIG_INVALID');
    expect(err.message).toContain('outside 1–65535');
  });
});
