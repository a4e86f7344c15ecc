import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, startSshd, type TestSshd } from '../../../test/support/sshd/start-sshd';
import { run } from '../main';

let sshd: TestSshd;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-hostkey-'));
});
afterAll(async () => {
  await sshd.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

async function hostkey(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts) => out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts) => err.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const code = await run(['node', 'casekit', 'hostkey', ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const target = () => `root@127.0.0.1:${sshd.port}`;

describe('casekit hostkey', () => {
  it('prints the type and SHA256 fingerprint of an unknown key, trusts nothing and logs in to nothing', async () => {
    const file = path.join(dir, 'empty_known_hosts');
    await writeFile(file, '');
    const { code, out } = await hostkey(target(), '--known-hosts', file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      host: '127.0.0.1',
      port: sshd.port,
      keyType: 'ssh-ed25519',
      fingerprint: sshd.hostKeys[0]!.fingerprint,
      status: 'unknown',
      expectedFingerprints: [],
    });
    expect(await readFile(file, 'utf8')).toBe('');
    expect(sshd.log()).not.toMatch(/Accepted|Failed|Postponed|authenticating user/);
  });

  it('says a key listed in known_hosts is trusted', async () => {
    const file = path.join(dir, 'known_hosts');
    await writeFile(file, `${sshd.knownHostsLine}\n`);
    const { code, out } = await hostkey(target(), '--known-hosts', file);
    expect(code).toBe(0);
    expect(out).toContain(`Fingerprint: ${sshd.hostKeys[0]!.fingerprint}`);
    expect(out).toMatch(/Trusted: +yes/);
  });

  it('refuses a changed key with exit 4, naming the old fingerprint', async () => {
    const other = await startSshd();
    const file = path.join(dir, 'changed_known_hosts');
    // The other server's key, filed under this server's address: to us, this server's key changed.
    await writeFile(file, `${other.knownHostsLine.replace(`:${other.port}`, `:${sshd.port}`)}\n`);
    await other.stop();
    const { code, out, err } = await hostkey(target(), '--known-hosts', file);
    expect(code).toBe(4);
    expect(out).toContain('THE KEY HAS CHANGED');
    expect(out).toContain(`Trusted before: ${other.hostKeys[0]!.fingerprint}`);
    expect(err).toContain('changed');
  });

  it('exits 1 with the reason when nothing listens', async () => {
    const { code, err } = await hostkey(`root@127.0.0.1:${await freePort()}`, '--known-hosts', '/dev/null');
    expect(code).toBe(1);
    expect(err).toMatch(/refused the connection/);
  });

  it('exits 2 for a target it cannot parse', async () => {
    const { code } = await hostkey('root@:22');
    expect(code).toBe(2);
  });
});
