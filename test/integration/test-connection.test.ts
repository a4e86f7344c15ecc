import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/api/create-core';
import { MemoryStore } from '../../electron/core/testing/memory-credential-store';
import type { EventMessage } from '../../electron/shared/api-contract';
import type { PromptAnswer, PromptRequest } from '../../electron/shared/prompt-schemas';
import type { Result } from '../../electron/shared/result';
import type { ConnectionTest, ServerRecord } from '../../electron/shared/server-schemas';
import { generateKey, startSshd, type TestSshd } from '../support/sshd/start-sshd';

// testConnection end to end: dispatch → connection tester → remote/connect → a real OpenSSH sshd,
// with the prompts answered the way the UI would, through `prompt` events and answerPrompt.

const ROOT_PASSWORD = 'pw-root-Integration-7';

let sshd: TestSshd;
let dir: string;
let core: Core;
let store: MemoryStore;
let asked: PromptRequest[];
let answer: (request: PromptRequest) => PromptAnswer;

beforeAll(async () => {
  sshd = await startSshd({ rootPassword: ROOT_PASSWORD });
});
afterAll(() => sshd.stop());

async function newCore(home: string): Promise<Core> {
  const next = await createCore({
    home,
    version: '0.0.0-test',
    credentialStore: store,
    // An empty home: no ~/.ssh/config, no default keys, no agent, so the login has to be a password.
    homedir: path.join(dir, 'user-home'),
    sshAgent: null,
  });
  next.subscribe((msg: EventMessage) => {
    if (msg.event !== 'prompt') return;
    asked.push(msg.payload);
    // Answered on the next turn, as a window would: the event is delivered synchronously inside ask().
    setImmediate(() => void next.dispatch('answerPrompt', { id: msg.payload.id, answer: answer(msg.payload) }));
  });
  return next;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-testconn-'));
  store = new MemoryStore();
  asked = [];
  answer = () => ({ kind: 'cancel' });
  core = await newCore(path.join(dir, 'home'));
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

function data<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

async function addServer(target: Core = core): Promise<ServerRecord> {
  const server = { host: sshd.host, port: sshd.port, user: 'root' };
  return data<ServerRecord>(await target.dispatch('saveServer', { scope: { kind: 'global' }, server }));
}

const trustAndType =
  (remember = false) =>
  (request: PromptRequest): PromptAnswer =>
    request.kind === 'hostKey' ? { kind: 'hostKey', trust: true } : { kind: 'secret', value: ROOT_PASSWORD, remember };

const acceptedLogins = () => (sshd.log().match(/Accepted password for root/g) ?? []).length;

describe('testConnection against a real sshd', () => {
  it('asks to trust the unknown host key with its SHA256 fingerprint, then the password, and reports the login', async () => {
    const server = await addServer();
    answer = trustAndType();

    const result = data<ConnectionTest>(
      await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id }),
    );

    const [hostKey, secret] = asked;
    expect(hostKey).toMatchObject({
      kind: 'hostKey',
      hostKey: {
        host: '127.0.0.1',
        port: sshd.port,
        keyType: 'ssh-ed25519',
        fingerprint: sshd.hostKeys[0]!.fingerprint,
      },
    });
    expect(secret).toMatchObject({
      kind: 'secret',
      purpose: 'ssh-password',
      subject: `root@127.0.0.1:${sshd.port}`,
      attempt: 1,
      canRemember: true,
    });
    expect(asked).toHaveLength(2);
    expect(result).toMatchObject({
      hostKey: { host: '127.0.0.1', port: sshd.port, fingerprint: sshd.hostKeys[0]!.fingerprint },
      authMethod: 'password',
      remoteUser: 'root',
      hostname: os.hostname(),
      isRoot: true,
      hops: [],
      warnings: [],
    });
    expect(core.prompts.size).toBe(0);
    // Trusted in Casekit's own known_hosts, never in the user's; nothing remembered without the tick.
    expect(await readFile(path.join(core.home, 'known_hosts'), 'utf8')).toContain('ssh-ed25519');
    expect(store.saved.size).toBe(0);

    // The second run trusts the key silently: only the password is asked.
    asked = [];
    answer = trustAndType(true);
    data(await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id }));
    expect(asked.map((p) => p.kind)).toEqual(['secret']);
    expect([...store.saved.values()]).toEqual([ROOT_PASSWORD]);

    // Remembered: the third run asks nothing at all.
    asked = [];
    expect(
      data<ConnectionTest>(await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id }))
        .authMethod,
    ).toBe('password');
    expect(asked).toEqual([]);

    expect(await core.dispatch('forgetServerSecrets', { scope: { kind: 'global' }, id: server.id })).toEqual({
      ok: true,
      data: { forgotten: 1 },
    });
    expect(store.saved.size).toBe(0);
  });

  it('refuses to connect when the host key is not trusted, and sends no credential', async () => {
    const server = await addServer();
    const before = acceptedLogins();
    answer = () => ({ kind: 'hostKey', trust: false });

    const result = await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id });

    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_KEY_UNKNOWN' } });
    expect(asked.map((p) => p.kind)).toEqual(['hostKey']);
    expect(acceptedLogins()).toBe(before);
    expect(sshd.log()).not.toMatch(/Failed password/);
  });

  it('replaces a changed host key only with the fingerprint the server presents now', async () => {
    const server = await addServer();
    const other = path.join(dir, 'other_key');
    generateKey(other, 'ed25519');
    const oldKey = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(path.join(core.home, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${oldKey}\n`);
    answer = trustAndType();

    const changed = await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id });
    expect(changed).toMatchObject({ ok: false, error: { code: 'HOST_KEY_CHANGED' } });
    expect(asked).toEqual([]);

    const wrongFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${other}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1]!;
    const refused = await core.dispatch('replaceHostKey', {
      scope: { kind: 'global' },
      id: server.id,
      fingerprint: wrongFingerprint,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_CHANGED', message: expect.stringContaining('Nothing was trusted') },
    });

    const fingerprint = sshd.hostKeys[0]!.fingerprint;
    expect(
      await core.dispatch('replaceHostKey', { scope: { kind: 'global' }, id: server.id, fingerprint }),
    ).toMatchObject({
      ok: true,
      data: { host: '127.0.0.1', port: sshd.port, fingerprint },
    });
    // Reading the key logged in nowhere and asked for nothing.
    expect(asked).toEqual([]);

    data(await core.dispatch('testConnection', { scope: { kind: 'global' }, id: server.id }));
    expect(asked.map((p) => p.kind)).toEqual(['secret']);
  });
});
