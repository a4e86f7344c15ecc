import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authAttempts,
  makeConnectFixture,
  targetOf,
  waitForLog,
  type ConnectFixture,
} from '../../../../test/support/sshd/connect-fixture';
import { generateKey, startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { caught } from '../../testing/caught';
import { connectSsh } from './connect';
import { fingerprintSha256 } from './host-key';

let single: TestSshd; // an Ed25519 host key only
let dual: TestSshd; // Ed25519 and RSA host keys
beforeAll(async () => {
  [single, dual] = await Promise.all([startSshd(), startSshd({ hostKeyTypes: ['ed25519', 'rsa'] })]);
});
afterAll(() => Promise.all([single?.stop(), dual?.stop()]));

let f: ConnectFixture;
beforeEach(() => {
  f = makeConnectFixture();
});
afterEach(() => f.remove());

const blobOf = (publicKey: string) => Buffer.from(publicKey.split(' ')[1]!, 'base64');
const hostKey = (sshd: TestSshd, type = 'ed25519') => sshd.hostKeys.find((k) => k.type === type)!;
// Offers the client key that sshd accepts: if the host-key check let anything through, the log would show a login.
const withKey = (sshd: TestSshd) => f.options(targetOf(sshd, { identityFiles: [sshd.clientKeyPath] }));

/** Runs a connection that must be refused, and returns sshd's log of it once sshd saw the client leave. */
async function refusedAttempt(sshd: TestSshd, attempt: () => Promise<unknown>): Promise<string> {
  const before = sshd.log().length;
  await attempt();
  return waitForLog(sshd, /(Disconnected from|Connection closed by) 127\.0\.0\.1 port \d+ \[preauth\]/, before);
}

/** A key of the same type that is not the server's: what a man in the middle would present. */
function otherKey(type: 'ed25519' | 'rsa' = 'ed25519'): string {
  const file = path.join(f.home, `impostor_${type}`);
  generateKey(file, type);
  return readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
}

describe('an unknown host key', () => {
  it('is shown with its SHA256 fingerprint, and a refusal sends no credentials', async () => {
    f.answers.acceptUnknownHostKey = false;
    let err: unknown;
    const log = await refusedAttempt(single, async () => (err = await caught(connectSsh(withKey(single)))));
    expect(err).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    expect(f.asked.unknownHostKeys).toEqual([
      {
        host: '127.0.0.1',
        port: single.port,
        keyType: 'ssh-ed25519',
        fingerprint: hostKey(single).fingerprint,
        knownKeyTypes: [],
        where: `127.0.0.1:${single.port}`,
      },
    ]);
    expect(authAttempts(log)).toEqual([]);
    expect(existsSync(f.appKnownHosts)).toBe(false);
  });

  it('is trusted in Casekit’s own file once accepted, and not asked about again', async () => {
    const first = await connectSsh(withKey(single));
    await first.close();
    expect(first.hostKey).toEqual({ type: 'ssh-ed25519', fingerprint: hostKey(single).fingerprint });
    expect(f.asked.unknownHostKeys).toHaveLength(1);
    expect(readFileSync(f.appKnownHosts, 'utf8')).toContain(hostKey(single).publicKey.split(' ')[1]);
    const second = await connectSsh(withKey(single));
    await second.close();
    expect(f.asked.unknownHostKeys).toHaveLength(1);
  });

  it('is asked about with a note when only keys of other types are known for the host', async () => {
    writeFileSync(f.userKnownHosts, `[127.0.0.1]:${single.port} ${otherKey('rsa')}\n`);
    f.answers.acceptUnknownHostKey = false;
    await caught(connectSsh(withKey(single)));
    expect(f.asked.unknownHostKeys[0]).toMatchObject({ keyType: 'ssh-ed25519', knownKeyTypes: ['ssh-rsa'] });
  });

  it('does not count the time the user spends reading the fingerprint against the timeout', async () => {
    const options = withKey(single);
    const session = await connectSsh({
      ...options,
      readyTimeoutMs: 300,
      onUnknownHostKey: () => new Promise((resolve) => setTimeout(() => resolve(true), 900)),
    });
    await session.close();
  });
});

describe('a known host key', () => {
  it('is trusted from ~/.ssh/known_hosts without asking, and that file is left alone', async () => {
    writeFileSync(f.userKnownHosts, `${single.knownHostsLine}\n`);
    const session = await connectSsh(withKey(single));
    await session.close();
    expect(f.asked.unknownHostKeys).toEqual([]);
    expect(readFileSync(f.userKnownHosts, 'utf8')).toBe(`${single.knownHostsLine}\n`);
    expect(existsSync(f.appKnownHosts)).toBe(false);
  });

  it('matches entries hashed by ssh-keygen -H', async () => {
    writeFileSync(f.userKnownHosts, `${single.knownHostsLine}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', f.userKnownHosts], { stdio: 'ignore' });
    expect(readFileSync(f.userKnownHosts, 'utf8')).toMatch(/^\|1\|/);
    const session = await connectSsh(withKey(single));
    await session.close();
    expect(f.asked.unknownHostKeys).toEqual([]);
  });

  it('is preferred when the server also has keys of other types (no needless prompt)', async () => {
    const rsa = hostKey(dual, 'rsa');
    writeFileSync(f.userKnownHosts, `[127.0.0.1]:${dual.port} ${rsa.publicKey}\n`);
    const session = await connectSsh(withKey(dual));
    await session.close();
    expect(f.asked.unknownHostKeys).toEqual([]);
    expect(session.hostKey).toEqual({ type: 'ssh-rsa', fingerprint: rsa.fingerprint });
  });
});

describe('a changed host key', () => {
  it('is refused before any credential is sent, naming the old and the new fingerprint', async () => {
    const impostor = otherKey();
    await f.store.trust('127.0.0.1', single.port, 'ssh-ed25519', blobOf(impostor));
    let err: unknown;
    const log = await refusedAttempt(single, async () => (err = await caught(connectSsh(withKey(single)))));
    expect(err).toMatchObject({ code: 'HOST_KEY_CHANGED' });
    const message = (err as Error).message;
    expect(message).toContain(fingerprintSha256(blobOf(impostor)));
    expect(message).toContain(hostKey(single).fingerprint);
    expect(message).toContain('Replace host key');
    expect(f.asked.unknownHostKeys).toEqual([]);
    expect(authAttempts(log)).toEqual([]);
  });

  it('connects again only after the key is replaced deliberately', async () => {
    await f.store.trust('127.0.0.1', single.port, 'ssh-ed25519', blobOf(otherKey()));
    expect((await caught(connectSsh(withKey(single)))).code).toBe('HOST_KEY_CHANGED');
    await f.store.replace('127.0.0.1', single.port, 'ssh-ed25519', blobOf(hostKey(single).publicKey));
    const session = await connectSsh(withKey(single));
    await session.close();
    expect(f.asked.unknownHostKeys).toEqual([]);
  });

  it('in the user’s own known_hosts points at that file and ssh-keygen -R', async () => {
    writeFileSync(f.userKnownHosts, `[127.0.0.1]:${single.port} ${otherKey()}\n`);
    const err = await caught(connectSsh(withKey(single)));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.message).toContain(`${f.userKnownHosts} line 1`);
    expect(err.message).toContain(`ssh-keygen -R "[127.0.0.1]:${single.port}"`);
  });
});

describe('a revoked host key', () => {
  it('is refused even where another line trusts it, before any credential is sent', async () => {
    writeFileSync(
      f.userKnownHosts,
      `${single.knownHostsLine}\n@revoked [127.0.0.1]:${single.port} ${hostKey(single).publicKey}\n`,
    );
    let err: unknown;
    const log = await refusedAttempt(single, async () => (err = await caught(connectSsh(withKey(single)))));
    expect(err).toMatchObject({ code: 'HOST_KEY_REVOKED' });
    expect((err as Error).message).toContain(`${f.userKnownHosts} line 2`);
    expect(authAttempts(log)).toEqual([]);
  });
});
