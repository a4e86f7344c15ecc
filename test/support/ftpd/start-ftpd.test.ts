import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFtpd, type TestFtpd } from './start-ftpd';

const run = promisify(execFile);

describe('startFtpd (real vsftpd, checked with curl)', () => {
  let server: TestFtpd | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it.each(['off', 'explicit', 'implicit'] as const)('takes an upload with tls %s into the user root', async (tls) => {
    server = await startFtpd({ tls });
    const scheme = tls === 'implicit' ? 'ftps' : 'ftp';
    await run('curl', [
      '-sS',
      '--insecure',
      '--ftp-create-dirs',
      ...(tls === 'explicit' ? ['--ssl-reqd'] : []),
      '-T',
      '/etc/os-release',
      '-u',
      `${server.user}:${server.password}`,
      `${scheme}://127.0.0.1:${server.port}/case-1/os.txt`,
    ]);
    expect(readFileSync(`${server.root}/case-1/os.txt`)).toEqual(readFileSync('/etc/os-release'));
    expect(server.log()).toContain(`USER ${server.user}`);
    if (tls === 'off') expect(server.fingerprint).toBeNull();
    else expect(server.fingerprint).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('refuses a wrong password', async () => {
    server = await startFtpd();
    await expect(run('curl', ['-sS', '-u', `${server.user}:nope`, `ftp://127.0.0.1:${server.port}/`])).rejects.toThrow(
      /530/,
    );
  });
});
