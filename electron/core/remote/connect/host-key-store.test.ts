import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { makeTempHome } from '../../testing/temp-home';
import { fingerprintSha256 } from './host-key';
import { HostKeyStore } from './host-key-store';

let home: string;
let remove: () => Promise<void>;
let appFile: string;
let userFile: string;
let store: HostKeyStore;

let made = 0;
function key(type = 'ed25519'): { type: string; base64: string; blob: Buffer } {
  const file = path.join(home, `k${made++}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { type: keyType!, base64: base64!, blob: Buffer.from(base64!, 'base64') };
}

beforeEach(async () => {
  ({ home, remove } = await makeTempHome());
  appFile = path.join(home, 'casekit', 'known_hosts');
  userFile = path.join(home, '.ssh', 'known_hosts');
  mkdirSync(path.dirname(userFile));
  store = new HostKeyStore({ appKnownHostsFile: appFile, userKnownHostsFiles: [userFile] });
});
afterEach(() => remove());

describe('HostKeyStore', () => {
  it('trusts a new key in its own file only: hashed, owner-only, written atomically', async () => {
    const k = key();
    writeFileSync(userFile, '# mine\n');
    await store.trust('mail.example.com', 2222, k.type, k.blob);
    expect((await store.check('mail.example.com', 2222, k.type, k.blob)).status).toBe('trusted');
    const text = readFileSync(appFile, 'utf8');
    expect(text).toMatch(/^# Host keys trusted in Casekit/);
    expect(text).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /m);
    expect(text).not.toContain('mail.example.com');
    expect(statSync(appFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(appFile))).toEqual(['known_hosts']);
    expect(readFileSync(userFile, 'utf8')).toBe('# mine\n');
  });

  it('counts keys the user trusted in ~/.ssh/known_hosts and never writes that file', async () => {
    const k = key();
    writeFileSync(userFile, `[mail]:2222 ${k.type} ${k.base64}\n`);
    const before = statSync(userFile).mtimeMs;
    expect((await store.check('mail', 2222, k.type, k.blob)).status).toBe('trusted');
    await store.trust('mail', 2222, k.type, k.blob);
    await store.trust('other', 22, k.type, k.blob);
    expect(readFileSync(userFile, 'utf8')).toBe(`[mail]:2222 ${k.type} ${k.base64}\n`);
    expect(statSync(userFile).mtimeMs).toBe(before);
  });

  it('refuses to "trust" over a changed or revoked key', async () => {
    const [old, fresh] = [key(), key()];
    await store.trust('mail', 22, old.type, old.blob);
    const changed = await caught(store.trust('mail', 22, fresh.type, fresh.blob));
    expect(changed.code).toBe('HOST_KEY_CHANGED');
    expect(changed.message).toContain(fingerprintSha256(old.blob));
    expect(changed.message).toContain(fingerprintSha256(fresh.blob));
    writeFileSync(userFile, `@revoked mail ${fresh.type} ${fresh.base64}\n`);
    expect((await caught(store.replace('mail', 22, fresh.type, fresh.blob))).code).toBe('HOST_KEY_REVOKED');
  });

  it('replaces every key it trusted for host:port, and keeps other hosts and comments', async () => {
    const [old, oldRsa, other, fresh] = [key(), key('rsa'), key(), key()];
    await store.trust('mail', 2222, old.type, old.blob);
    await store.trust('mail', 2222, oldRsa.type, oldRsa.blob);
    await store.trust('mail', 22, other.type, other.blob);
    await store.replace('mail', 2222, fresh.type, fresh.blob);
    expect((await store.check('mail', 2222, fresh.type, fresh.blob)).status).toBe('trusted');
    expect((await store.check('mail', 2222, old.type, old.blob)).status).toBe('changed');
    expect(await store.knownKeyTypes('mail', 2222)).toEqual(['ssh-ed25519']);
    expect((await store.check('mail', 22, other.type, other.blob)).status).toBe('trusted');
    expect(readFileSync(appFile, 'utf8')).toMatch(/^# Host keys trusted in Casekit/);
  });

  it('will not override a key in the user’s own file, and says how to remove it', async () => {
    const [old, fresh] = [key(), key()];
    writeFileSync(userFile, `\n[mail]:2222 ${old.type} ${old.base64}\n`);
    const err = await caught(store.replace('mail', 2222, fresh.type, fresh.blob));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.message).toContain(`${userFile} line 2`);
    expect(err.message).toContain('ssh-keygen -R "[mail]:2222"');
    expect(err.message).toContain('never changes');
    expect((await store.check('mail', 2222, fresh.type, fresh.blob)).status).toBe('changed');
  });

  it('fails closed when a known_hosts file cannot be read, since it might revoke the key', async () => {
    const k = key();
    mkdirSync(userFile, { recursive: true });
    const bad = new HostKeyStore({ appKnownHostsFile: appFile, userKnownHostsFiles: [path.join(userFile)] });
    const err = await caught(bad.check('mail', 22, k.type, k.blob));
    expect(err.code).toBe('IO_ERROR');
    expect(err.message).toContain(userFile);
  });

  it('keeps both of two keys trusted at the same time', async () => {
    const [a, b] = [key(), key()];
    await Promise.all([store.trust('a', 22, a.type, a.blob), store.trust('b', 22, b.type, b.blob)]);
    expect((await store.check('a', 22, a.type, a.blob)).status).toBe('trusted');
    expect((await store.check('b', 22, b.type, b.blob)).status).toBe('trusted');
  });

  it('lists damaged lines without failing on them', async () => {
    writeFileSync(userFile, 'garbage\n');
    expect(await store.problems()).toEqual([
      { file: userFile, line: 1, message: 'expected "hosts key-type base64-key"' },
    ]);
  });
});
