import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authAttempts,
  makeConnectFixture,
  targetOf,
  type ConnectFixture,
} from '../../../../test/support/sshd/connect-fixture';
import { runRemote } from '../../../../test/support/sshd/run-remote';
import { startSshAgent } from '../../../../test/support/sshd/ssh-agent';
import {
  fingerprintOf,
  generateKey,
  startSshd,
  type KeyType,
  type TestSshd,
} from '../../../../test/support/sshd/start-sshd';
import { caught } from '../../testing/caught';
import { connectSsh } from './connect';

// Real OpenSSH servers, one per authentication policy, with a user that has a password.
const casekit = { name: 'casekit', uid: 2201, password: 'pw-casekit' };
let open: TestSshd;
let passwordOnly: TestSshd;
let keyboardOnly: TestSshd;
let keyOnly: TestSshd;
let keyThenPassword: TestSshd;

beforeAll(async () => {
  [open, passwordOnly, keyboardOnly, keyOnly, keyThenPassword] = await Promise.all([
    startSshd({ users: [casekit] }),
    startSshd({ users: [casekit], config: ['AuthenticationMethods password'] }),
    startSshd({ users: [casekit], config: ['AuthenticationMethods keyboard-interactive'] }),
    startSshd({ users: [casekit], config: ['AuthenticationMethods publickey'] }),
    startSshd({ users: [casekit], config: ['AuthenticationMethods publickey,password'] }),
  ]);
});
afterAll(() => Promise.all([open, passwordOnly, keyboardOnly, keyOnly, keyThenPassword].map((s) => s?.stop())));

let f: ConnectFixture;
beforeEach(() => {
  f = makeConnectFixture();
});
afterEach(() => f.remove());

/** A key pair in the fixture's home, authorized on `sshd` for `user` unless told otherwise. */
function clientKey(
  name: string,
  type: KeyType,
  options: { passphrase?: string; authorizeOn?: TestSshd[]; user?: string } = {},
) {
  const file = path.join(f.home, name);
  generateKey(file, type, options.passphrase ?? '');
  for (const sshd of options.authorizeOn ?? [])
    sshd.authorize(options.user ?? 'root', readFileSync(`${file}.pub`, 'utf8'));
  return file;
}

describe('public keys', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'] as const)('logs in with an %s key', async (type) => {
    const file = clientKey(`id_${type}_test`, type, { authorizeOn: [open] });
    const session = await connectSsh(f.options(targetOf(open, { identityFiles: [file] })));
    try {
      expect(session.authMethod).toBe('publickey');
      expect(await runRemote(session.client, 'id -un')).toBe('root\n');
      expect(open.log()).toContain(`Accepted publickey for root from 127.0.0.1`);
      expect(open.log()).toContain(fingerprintOf(`${file}.pub`));
    } finally {
      await session.close();
    }
  });

  it('tries OpenSSH’s default key files when none is configured', async () => {
    clientKey('.ssh/id_ecdsa', 'ecdsa', { authorizeOn: [open] });
    const session = await connectSsh(f.options(targetOf(open)));
    expect(session.authMethod).toBe('publickey');
    await session.close();
  });

  it('asks again after a wrong passphrase, then logs in', async () => {
    const file = clientKey('locked', 'ed25519', { passphrase: 'right horse', authorizeOn: [open] });
    f.answers.passphrases = ['wrong horse', 'right horse'];
    const session = await connectSsh(f.options(targetOf(open, { identityFiles: [file] })));
    expect(f.asked.passphrases).toEqual([
      { file, attempt: 1 },
      { file, attempt: 2 },
    ]);
    expect(session.authMethod).toBe('publickey');
    await session.close();
  });

  it('asks for a passphrase only when the server accepts that key', async () => {
    const file = clientKey('locked-unauthorized', 'ed25519', { passphrase: 'secret' });
    f.answers.passphrases = ['secret'];
    const err = await caught(connectSsh(f.options(targetOf(keyOnly, { identityFiles: [file] }))));
    expect(err.code).toBe('AUTH_FAILED');
    expect(f.asked.passphrases).toEqual([]);
    expect(err.message).toContain(file);
  });

  it('unlocks an old-format encrypted key that has no public half on disk', async () => {
    const file = path.join(f.home, 'legacy_pem');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'pem-pass', '-f', file]);
    open.authorize('root', readFileSync(`${file}.pub`, 'utf8'));
    rmSync(`${file}.pub`);
    f.answers.passphrases = ['pem-pass'];
    const session = await connectSsh(f.options(targetOf(open, { identityFiles: [file] })));
    expect(session.authMethod).toBe('publickey');
    expect(f.asked.passphrases).toHaveLength(1);
    await session.close();
  });

  it('gives up with KEY_UNREADABLE after three wrong passphrases, and tries nothing else', async () => {
    const file = clientKey('locked3', 'ed25519', { passphrase: 'right', authorizeOn: [open] });
    f.answers.passphrases = ['a', 'b', 'c', 'right'];
    f.answers.passwords = ['never-asked'];
    const err = await caught(connectSsh(f.options(targetOf(open, { identityFiles: [file] }))));
    expect(err.code).toBe('KEY_UNREADABLE');
    expect(err.message).toContain(file);
    expect(err.message).toContain('3 times');
    expect(f.asked.passphrases.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(f.asked.passwords).toEqual([]);
  });

  it('logs in with a key held by ssh-agent', async () => {
    const agent = await startSshAgent();
    try {
      agent.add(clientKey('agent_key', 'ed25519', { authorizeOn: [open] }));
      const session = await connectSsh(f.options(targetOf(open), { agent: agent.socket }));
      expect(session.authMethod).toBe('agent');
      expect(await runRemote(session.client, 'id -un')).toBe('root\n');
      await session.close();
    } finally {
      await agent.stop();
    }
  });
});

describe('passwords and server prompts', () => {
  it('asks for the password again after a wrong one (AuthenticationMethods password)', async () => {
    f.answers.passwords = ['wrong', 'pw-casekit'];
    const session = await connectSsh(f.options(targetOf(passwordOnly, { user: 'casekit' })));
    expect(session.authMethod).toBe('password');
    expect(f.asked.passwords).toEqual([
      { user: 'casekit', host: '127.0.0.1', attempt: 1 },
      { user: 'casekit', host: '127.0.0.1', attempt: 2 },
    ]);
    expect(await runRemote(session.client, 'id -un')).toBe('casekit\n');
    expect(authAttempts(passwordOnly.log()).join('\n')).toMatch(
      /Failed password for casekit[\s\S]*Accepted password for casekit/,
    );
    await session.close();
  });

  it('relays every keyboard-interactive prompt to the user (PAM)', async () => {
    f.answers.keyboard = (request) => request.prompts.map(() => 'pw-casekit');
    const session = await connectSsh(f.options(targetOf(keyboardOnly, { user: 'casekit' })));
    expect(session.authMethod).toBe('keyboard-interactive');
    expect(f.asked.keyboard).toHaveLength(1);
    expect(f.asked.keyboard[0]!.prompts).toEqual([{ prompt: expect.stringMatching(/^Password: ?$/), echo: false }]);
    expect(f.asked.passwords).toEqual([]);
    await session.close();
  });

  it('goes on to the next method after partial success (publickey,password)', async () => {
    const file = clientKey('partial_key', 'ed25519', { authorizeOn: [keyThenPassword], user: 'casekit' });
    f.answers.passwords = ['pw-casekit'];
    const session = await connectSsh(f.options(targetOf(keyThenPassword, { user: 'casekit', identityFiles: [file] })));
    expect(session.authMethod).toBe('password');
    expect(keyThenPassword.log()).toMatch(/Partial publickey for casekit/);
    await session.close();
  });
});

describe('refusals', () => {
  it('names what was tried and what the server accepts', async () => {
    const file = clientKey('stranger', 'ed25519');
    const err = await caught(
      connectSsh(
        f.options(targetOf(keyOnly, { identityFiles: [file, path.join(f.home, 'missing_key')] }), {
          agent: path.join(f.home, 'no-agent.sock'),
        }),
      ),
    );
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain(`127.0.0.1:${keyOnly.port}`);
    expect(err.message).toContain(`the key ${file}`);
    expect(err.message).toContain('The server accepts: publickey.');
    expect(err.message).toContain('missing_key does not exist');
    expect(err.message).toContain('no-agent.sock does not exist');
    expect(err.message).toContain('authorized_keys');
  });

  it('counts password tries and stops after three', async () => {
    f.answers.passwords = ['one', 'two', 'three', 'pw-casekit'];
    const err = await caught(connectSsh(f.options(targetOf(passwordOnly, { user: 'casekit' }))));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toContain('a password (3 tries)');
    expect(err.message).toContain('The server accepts: password.');
    expect(f.asked.passwords).toHaveLength(3);
  });

  it('says there was nothing to try when the user declines the only method', async () => {
    const err = await caught(connectSsh(f.options(targetOf(passwordOnly, { user: 'casekit' }))));
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toMatch(/had no way to log in .* as "casekit"/);
  });
});
