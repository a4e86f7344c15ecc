import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTest, ServerInput } from '../../../shared/server-schemas';
import { CASEKIT_PASSWORD, execTestUsers } from '../../../../test/support/sshd/exec-test-server';
import { startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { GLOBAL, data, makeTesterFixture, trustAndAnswer, type TesterFixture } from './connection-tester-fixture';

// "Does sudo work", end to end: dispatch → connection tester → a real sshd whose
// sudoers lets `casekit` sudo with its password, `nopass` without, `nosudo` not at all.

let sshd: TestSshd;
let f: TesterFixture;

beforeAll(async () => {
  sshd = await startSshd({ users: execTestUsers({ zimbra: true }) });
});
afterAll(() => sshd.stop());
beforeEach(async () => {
  f = await makeTesterFixture();
});
afterEach(() => f.remove());

const server = (user: string, extra: Partial<ServerInput> = {}): ServerInput => ({
  host: sshd.host,
  port: sshd.port,
  user,
  identityFile: sshd.clientKeyPath,
  useSudo: true,
  ...extra,
});

async function test(user: string, extra: Partial<ServerInput> = {}): Promise<ConnectionTest> {
  const { id } = await f.addServer(server(user, extra));
  return data<ConnectionTest>(await f.core.dispatch('testConnection', { scope: GLOBAL, id }));
}

const sudoPrompts = () => f.asked.filter((p) => p.kind === 'secret' && p.purpose === 'sudo-password');
const sudoAccount = () => `sudo-password:casekit@127.0.0.1:${sshd.port}`;

describe('testConnection checks that sudo works', () => {
  it('asks for the sudo password, runs a command as root with it, and remembers it only when asked to', async () => {
    f.answer = trustAndAnswer([CASEKIT_PASSWORD], true);
    const result = await test('casekit');

    expect(result).toMatchObject({
      remoteUser: 'casekit',
      isRoot: false,
      sudo: 'password',
      sudoCheck: { status: 'verified', password: 'entered' },
      warnings: [],
    });
    expect(sudoPrompts()).toEqual([
      expect.objectContaining({
        purpose: 'sudo-password',
        subject: `casekit@127.0.0.1:${sshd.port}`,
        attempt: 1,
        canRemember: true,
        hop: { role: 'target', position: 1, jumpHosts: 0 },
      }),
    ]);
    expect([...f.store.saved]).toEqual([[sudoAccount(), CASEKIT_PASSWORD]]);

    // The next test takes it from the keychain and asks nothing.
    f.asked.length = 0;
    const again = data<ConnectionTest>(
      await f.core.dispatch('testConnection', { scope: GLOBAL, id: (await listFirst()).id }),
    );
    expect(again.sudoCheck).toEqual({ status: 'verified', password: 'saved' });
    expect(f.asked).toEqual([]);
  });

  it('asks again after a wrong password, and saves only the one sudo accepted', async () => {
    f.answer = trustAndAnswer(['not-it', CASEKIT_PASSWORD], true);
    const result = await test('casekit');

    expect(result.sudoCheck).toEqual({ status: 'verified', password: 'entered' });
    expect(sudoPrompts().map((p) => p.kind === 'secret' && p.attempt)).toEqual([1, 2]);
    expect([...f.store.saved]).toEqual([[sudoAccount(), CASEKIT_PASSWORD]]);
  });

  it('reports SUDO_WRONG_PASSWORD after three wrong passwords, still showing the rest, and saves none', async () => {
    f.answer = trustAndAnswer(['wrong-1', 'wrong-2', 'wrong-3'], true);
    const result = await test('casekit');

    expect(result).toMatchObject({
      remoteUser: 'casekit',
      sudo: 'password',
      sudoCheck: { status: 'failed', error: { code: 'SUDO_WRONG_PASSWORD' } },
    });
    expect(sudoPrompts()).toHaveLength(3);
    expect(f.store.saved.size).toBe(0);
    expect(JSON.stringify(result)).not.toContain('wrong-');
  });

  it('tries a saved sudo password first, and asks when sudo rejects it', async () => {
    f.store.saved.set(sudoAccount(), 'stale-password');
    f.answer = trustAndAnswer([CASEKIT_PASSWORD], true);
    const result = await test('casekit');

    expect(result.sudoCheck).toEqual({ status: 'verified', password: 'entered' });
    expect(sudoPrompts().map((p) => p.kind === 'secret' && p.attempt)).toEqual([2]);
    expect(f.store.saved.get(sudoAccount())).toBe(CASEKIT_PASSWORD);
  });

  it('reports SUDO_NOT_ALLOWED for a user without sudo rights, asking no password', async () => {
    f.answer = trustAndAnswer([]);
    const result = await test('nosudo');

    expect(result).toMatchObject({
      sudo: 'none',
      sudoCheck: { status: 'failed', error: { code: 'SUDO_NOT_ALLOWED', message: expect.stringContaining('nosudo') } },
    });
    expect(sudoPrompts()).toEqual([]);
  });

  it('reports SUDO_PASSWORD_REQUIRED when the user cancels the sudo password', async () => {
    f.answer = trustAndAnswer([]);
    const result = await test('casekit');
    expect(result.sudoCheck).toMatchObject({ status: 'failed', error: { code: 'SUDO_PASSWORD_REQUIRED' } });
    expect(sudoPrompts()).toHaveLength(1);
  });

  it('verifies NOPASSWD sudo without asking, and checks nothing for root or a server not set to use sudo', async () => {
    f.answer = trustAndAnswer([]);
    expect((await test('nopass')).sudoCheck).toEqual({ status: 'verified', password: 'not-needed' });
    expect((await test('root')).sudoCheck).toBeNull();
    const notUsingSudo = await test('casekit', { useSudo: false });
    expect(notUsingSudo).toMatchObject({ sudo: 'password', sudoCheck: null });
    expect(sudoPrompts()).toEqual([]);
  });
});

async function listFirst() {
  const [first] = data<{ id: string }[]>(await f.core.dispatch('listServers', { scope: GLOBAL }));
  if (first === undefined) throw new Error('no server saved');
  return first;
}
