import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from './start-sshd';

// The harness itself: the system ssh client must get in as root and as a test
// user that exists only inside the sshd's namespace, and the host keeps its files.
let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd({ users: [{ name: 'casekit', uid: 2101, password: 'pw-casekit', sudo: 'password' }] });
});
afterAll(() => sshd.stop());

const ssh = (user: string, command: string) =>
  execFileSync(
    'ssh',
    [
      '-F',
      '/dev/null',
      '-i',
      sshd.clientKeyPath,
      '-p',
      String(sshd.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `${user}@127.0.0.1`,
      command,
    ],
    { encoding: 'utf8' },
  );

describe('test sshd harness', () => {
  it('lets the client key in as root and as a namespaced test user', () => {
    expect(ssh('root', 'id -un').trim()).toBe('root');
    expect(ssh('casekit', 'id -un').trim()).toBe('casekit');
  });

  it('does not change the machine’s own /etc/passwd', () => {
    // getent exits 2 for a user it does not know
    expect(spawnSync('getent', ['passwd', 'casekit']).status).toBe(2);
  });
});
