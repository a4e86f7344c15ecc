import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authAttempts,
  makeConnectFixture,
  waitForLog,
  type ConnectFixture,
} from '../../../../test/support/sshd/connect-fixture';
import { runRemote } from '../../../../test/support/sshd/run-remote';
import { freePort, generateKey, startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { caught } from '../../testing/caught';
import { connectSsh } from './connect';
import { resolveTarget } from './ssh-target';

// Three real servers chained as in ~/.ssh/config: final → ProxyJump j2 → ProxyJump j1.
let j1: TestSshd;
let j2: TestSshd;
let final: TestSshd;
let noForwarding: TestSshd;
beforeAll(async () => {
  [j1, j2, final, noForwarding] = await Promise.all([
    startSshd(),
    startSshd(),
    startSshd(),
    startSshd({ config: ['AllowTcpForwarding no'] }),
  ]);
});
afterAll(() => Promise.all([j1, j2, final, noForwarding].map((s) => s?.stop())));

let f: ConnectFixture;
beforeEach(() => {
  f = makeConnectFixture();
});
afterEach(() => f.remove());

const section = (alias: string, sshd: TestSshd, jump?: string) =>
  [
    `Host ${alias}`,
    '  HostName 127.0.0.1',
    `  Port ${sshd.port}`,
    '  User root',
    `  IdentityFile ${sshd.clientKeyPath}`,
    ...(jump ? [`  ProxyJump ${jump}`] : []),
  ].join('\n');

const config = (...sections: string[]) => `${sections.join('\n')}\n`;
const resolve = (spec: string, text: string) =>
  resolveTarget(spec, { sshConfigText: text, defaultUser: 'root', homedir: f.home });

describe('ProxyJump chains', () => {
  it('logs in through two jump hosts, checking each hop’s host key in order', async () => {
    const target = resolve('final', config(section('final', final, 'j2'), section('j2', j2, 'j1'), section('j1', j1)));
    const logged = [final, j2, j1].map((sshd) => sshd.log().length);
    const session = await connectSsh(f.options(target));
    try {
      expect(f.asked.unknownHostKeys.map((k) => [k.port, k.fingerprint, k.where])).toEqual([
        [j1.port, j1.hostKeys[0]!.fingerprint, `jump host 1 of 2, j1 (127.0.0.1:${j1.port})`],
        [j2.port, j2.hostKeys[0]!.fingerprint, `jump host 2 of 2, j2 (127.0.0.1:${j2.port})`],
        [final.port, final.hostKeys[0]!.fingerprint, `final (127.0.0.1:${final.port}) (via 2 jump hosts)`],
      ]);
      // the shell we got runs on the last server: sshd there saw the connection arrive on its own port
      const [, , serverIp, serverPort] = (await runRemote(session.client, 'echo $SSH_CONNECTION')).trim().split(' ');
      expect([serverIp, Number(serverPort)]).toEqual(['127.0.0.1', final.port]);
      for (const sshd of [j1, j2, final]) expect(sshd.log()).toMatch(/Accepted publickey for root/);
      expect(session.hostKey.fingerprint).toBe(final.hostKeys[0]!.fingerprint);
    } finally {
      await session.close();
    }
    // closing the session closes every hop
    for (const [i, sshd] of [final, j2, j1].entries()) await waitForLog(sshd, /Disconnected from user root/, logged[i]);
    expect(await session.closed).toBeNull();
  });

  it('stops at a hop whose host key changed: nothing reaches the hops behind it', async () => {
    const impostor = `${f.home}/impostor`;
    generateKey(impostor, 'ed25519');
    const blob = Buffer.from(readFileSync(`${impostor}.pub`, 'utf8').split(' ')[1]!, 'base64');
    await f.store.trust('127.0.0.1', j2.port, 'ssh-ed25519', blob);
    const before = { j1: j1.log().length, j2: j2.log().length, final: final.log().length };
    const target = resolve('final', config(section('final', final, 'j1,j2'), section('j1', j1), section('j2', j2)));
    const err = await caught(connectSsh(f.options(target)));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.message).toContain(`jump host 2 of 2, j2 (127.0.0.1:${j2.port})`);
    expect(authAttempts(j2.log().slice(before.j2))).toEqual([]);
    expect(final.log().slice(before.final)).toBe('');
    // the hop already logged in is closed again
    await waitForLog(j1, /Disconnected from user root/, before.j1);
  });

  it('reports a jump host that refuses to forward as PERMISSION_DENIED', async () => {
    const target = resolve('final', config(section('final', final, 'nf'), section('nf', noForwarding)));
    const err = await caught(connectSsh(f.options(target)));
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.message).toContain(`jump host 1 of 1, nf (127.0.0.1:${noForwarding.port}) could not connect onward`);
    expect(err.message).toContain('AllowTcpForwarding');
  });

  it('reports a closed port behind the jump host as CONNECTION_REFUSED, naming both hops', async () => {
    const closed = await freePort();
    const target = resolve(`root@127.0.0.1:${closed}`, config('Host 127.0.0.1', '  ProxyJump j1', section('j1', j1)));
    const err = await caught(connectSsh(f.options(target)));
    expect(err.code).toBe('CONNECTION_REFUSED');
    expect(err.message).toContain(`j1 (127.0.0.1:${j1.port}) could not connect onward to 127.0.0.1:${closed}`);
  });
});
