import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTest } from '../../../shared/server-schemas';
import { freePort, generateKey, startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { GLOBAL, data, makeTesterFixture, trustAndAnswer, type TesterFixture } from './connection-tester-fixture';

// A two-jump chain of real servers: j1 and the target take the user's key, j2 only root's password,
// so every kind of prompt comes from a known hop.
const J2_PASSWORD = 'pw-j2-Chain-31';

let j1: TestSshd;
let j2: TestSshd;
let target: TestSshd;
let f: TesterFixture;

beforeAll(async () => {
  [j1, j2, target] = await Promise.all([startSshd(), startSshd({ rootPassword: J2_PASSWORD }), startSshd()]);
});
afterAll(() => Promise.all([j1, j2, target].map((sshd) => sshd?.stop())));
beforeEach(async () => {
  f = await makeTesterFixture();
  // The user's default key: the jump hosts are logged in to with what ~/.ssh holds, as ssh -J does.
  const key = path.join(f.homedir, '.ssh', 'id_ed25519');
  generateKey(key, 'ed25519');
  const publicKey = await readFile(`${key}.pub`, 'utf8');
  j1.authorize('root', publicKey);
  target.authorize('root', publicKey);
});
afterEach(() => f.remove());

const jumpSpec = (port: number) => `root@127.0.0.1:${port}`;

describe('testConnection through jump hosts', () => {
  it('says which hop each prompt comes from: jump host 1 of 2, jump host 2 of 2, then the target', async () => {
    f.answer = trustAndAnswer([J2_PASSWORD]);
    const { id } = await f.addServer({
      host: target.host,
      port: target.port,
      user: 'root',
      jump: [jumpSpec(j1.port), jumpSpec(j2.port)],
    });

    const result = data<ConnectionTest>(await f.core.dispatch('testConnection', { scope: GLOBAL, id }));

    expect(
      f.asked.map((p) => [p.kind, p.kind === 'hostKey' ? p.hostKey.port : p.kind === 'secret' && p.subject, p.hop]),
    ).toEqual([
      ['hostKey', j1.port, { role: 'jump', position: 1, jumpHosts: 2 }],
      ['hostKey', j2.port, { role: 'jump', position: 2, jumpHosts: 2 }],
      ['secret', `root@127.0.0.1:${j2.port}`, { role: 'jump', position: 2, jumpHosts: 2 }],
      ['hostKey', target.port, { role: 'target', position: 3, jumpHosts: 2 }],
    ]);
    expect(f.asked[0]).toMatchObject({ hostKey: { fingerprint: j1.hostKeys[0]!.fingerprint } });
    expect(result.hostKey).toMatchObject({ port: target.port, fingerprint: target.hostKeys[0]!.fingerprint });
    expect(result.hops.map((hop) => hop.port)).toEqual([j1.port, j2.port]);
  });

  it('names the hop that failed in the error', async () => {
    f.answer = trustAndAnswer([]);
    const closed = await freePort();
    const { id } = await f.addServer({
      host: target.host,
      port: target.port,
      user: 'root',
      jump: [jumpSpec(j1.port), jumpSpec(closed)],
    });

    const result = await f.core.dispatch('testConnection', { scope: GLOBAL, id });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`jump host 1 of 2, 127.0.0.1:${j1.port}`);
    expect(result.error.message).toContain(`jump host 2 of 2, 127.0.0.1:${closed}`);
  });
});
