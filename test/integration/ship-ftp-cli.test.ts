import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FtpShipReceipt } from '../../electron/core/ship/ftp/index';
import { makeBundle, sumsOf } from '../support/ftpd/bundle-fixture';
import { startFtpd, type TestFtpd } from '../support/ftpd/start-ftpd';
import { runCli } from '../support/cli/run-cli';

// `casekit ship ftp` as a script runs it, through run() of the CLI, against a
// real vsftpd: the exit codes of CLI.md, the receipt on stdout with --json, and
// the password in no output.

const ENV = 'CASEKIT_TEST_FTP_PASSWORD';
const MiB = 1024 * 1024;

let work: string;
let bundle: string;
let names: string[];

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'casekit-ship-ftp-cli-'));
  bundle = path.join(work, 'bundle');
  names = makeBundle(bundle, [MiB, MiB, 5000]);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const servers: TestFtpd[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) await server.stop();
});

async function server(options: Parameters<typeof startFtpd>[0] = {}): Promise<TestFtpd> {
  const started = await startFtpd(options);
  servers.push(started);
  vi.stubEnv(ENV, started.password);
  return started;
}

const cli = (args: string[]) => runCli(['ship', 'ftp', ...args]);

const url = (s: TestFtpd, dir: string) => `ftp://${s.user}@127.0.0.1:${s.port}/${dir}`;

describe('casekit ship ftp', () => {
  it('uploads with --tls off: exit 0, the receipt on stdout, a warning, the password nowhere', async () => {
    const s = await server();
    const result = await cli([bundle, '--url', url(s, 'c1'), '--password-env', ENV, '--tls', 'off', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const receipt = JSON.parse(result.stdout) as FtpShipReceipt;
    expect(receipt).toMatchObject({ channel: 'ftp', destination: url(s, 'c1'), complete: true, certificate: null });
    expect(receipt.files.map((f) => f.name)).toEqual(names);
    expect(result.stderr).toContain(`Shipped ${names.length} of ${names.length} files`);
    expect(result.stderr).toMatch(/warning: TLS is off: the password .* unencrypted/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(s.password);
    expect(sumsOf(path.join(s.root, 'c1'))).toEqual(sumsOf(bundle));
  });

  it('refuses an untrusted certificate with exit 4 and the flag to trust it; --trust-cert then uploads', async () => {
    const s = await server({ tls: 'explicit' });
    const refused = await cli([bundle, '--url', url(s, 'c2'), '--password-env', ENV]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`--trust-cert ${s.fingerprint}`);
    expect(s.log()).not.toMatch(/FTP command: .*"(USER|PASS)/);

    const trusted = await cli([bundle, '--url', url(s, 'c2'), '--password-env', ENV, '--trust-cert', s.fingerprint!]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stderr).toContain(`trusted by its fingerprint ${s.fingerprint}`);
    expect(sumsOf(path.join(s.root, 'c2'))).toEqual(sumsOf(bundle));
  });

  it('accepts implicit TLS on an ftps:// URL', async () => {
    const s = await server({ tls: 'implicit' });
    const ftps = `ftps://${s.user}@127.0.0.1:${s.port}/c3`;
    const result = await cli([
      bundle,
      '--url',
      ftps,
      '--tls',
      'implicit',
      '--password-env',
      ENV,
      '--trust-cert',
      s.fingerprint!,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(sumsOf(path.join(s.root, 'c3'))).toEqual(sumsOf(bundle));
  });

  it('exits 1 for a wrong password', async () => {
    const s = await server();
    vi.stubEnv(ENV, 'wrong');
    const result = await cli([bundle, '--url', url(s, 'c4'), '--password-env', ENV, '--tls', 'off']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the login: "530/);
  });

  it('exits 3 when some files are refused, listing them, and 1 when none got through', async () => {
    const s = await server({ config: ['deny_file={*.sha256}'] });
    const partly = await cli([bundle, '--url', url(s, 'c5'), '--password-env', ENV, '--tls', 'off']);
    expect(partly.code).toBe(3);
    expect(partly.stderr).toMatch(/failed: case-\S+\.sha256: .*550/);
    expect(partly.stderr).toContain(`Shipped ${names.length - 1} of ${names.length} files`);

    const readOnly = await server({ config: ['write_enable=NO'] });
    mkdirSync(path.join(readOnly.root, 'c6'));
    const none = await cli([bundle, '--url', url(readOnly, 'c6'), '--password-env', ENV, '--tls', 'off']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no file reached the FTP server');
  });

  it.each([
    ['an http URL', ['--url', 'http://127.0.0.1/x', '--tls', 'off']],
    ['a password in the URL', ['--url', 'ftp://u:secret@127.0.0.1/x']],
    ['no folder', ['--url', 'ftp://127.0.0.1/']],
    ['an unknown TLS mode', ['--url', 'ftp://127.0.0.1/x', '--tls', 'maybe']],
    ['a malformed fingerprint', ['--url', 'ftp://127.0.0.1/x', '--trust-cert', 'SHA256:zz']],
    ['ftps:// with TLS off', ['--url', 'ftps://127.0.0.1/x', '--tls', 'off']],
    ['an unset variable', ['--url', 'ftp://u@127.0.0.1/x', '--password-env', 'CASEKIT_TEST_FTP_UNSET']],
  ])('exits 2 for %s', async (_what, args) => {
    const result = await cli([bundle, ...args]);
    expect(result.code).toBe(2);
  });

  it('exits 2 for a folder that is not a bundle', async () => {
    const s = await server();
    const result = await cli([work, '--url', url(s, 'c7'), '--password-env', ENV, '--tls', 'off']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SHA256SUMS');
  });
});
