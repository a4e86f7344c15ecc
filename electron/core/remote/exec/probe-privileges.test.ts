import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestClient } from '../../../../test/support/sshd/connect-client';
import { startExecTestServer, type ExecTestServer } from '../../../../test/support/sshd/exec-test-server';
import { startSshd } from '../../../../test/support/sshd/start-sshd';
import { probePrivileges } from './privilege';

let withZimbra: ExecTestServer;
let withoutZimbra: ExecTestServer;

beforeAll(async () => {
  [withZimbra, withoutZimbra] = await Promise.all([
    startExecTestServer({ zimbra: true }),
    startExecTestServer({ zimbra: false }),
  ]);
});
afterAll(() => Promise.all([withZimbra.stop(), withoutZimbra.stop()]));

describe('probePrivileges', () => {
  it.each([
    ['root', { isRoot: true, sudo: 'nopasswd', zimbraUser: true }],
    ['nopass', { isRoot: false, sudo: 'nopasswd', zimbraUser: true }],
    ['casekit', { isRoot: false, sudo: 'password', zimbraUser: true }],
    ['nosudo', { isRoot: false, sudo: 'none', zimbraUser: true }],
  ])('tells what %s may do, without waiting for a password', async (user, expected) => {
    const started = Date.now();
    expect(await probePrivileges(await withZimbra.as(user), user)).toEqual(expected);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sees that a server has no zimbra user', async () => {
    expect(await probePrivileges(await withoutZimbra.as('casekit'), 'casekit')).toEqual({
      isRoot: false,
      sudo: 'password',
      zimbraUser: false,
    });
  });

  it('says unavailable where sudo cannot be found', async () => {
    const bare = await startSshd({ users: [{ name: 'casekit', uid: 2101 }], config: ['SetEnv PATH=/nonexistent'] });
    const client = await connectTestClient(bare, 'casekit');
    try {
      expect((await probePrivileges(client, 'casekit')).sudo).toBe('unavailable');
    } finally {
      client.end();
      await bare.stop();
    }
  });
});
