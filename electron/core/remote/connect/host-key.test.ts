import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf, generateKey, type KeyType } from '../../../../test/support/sshd/start-sshd';
import { decodePublicKey, fingerprintSha256, keyTypeOf } from './host-key';

const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-hostkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
function publicKey(type: KeyType): { type: string; base64: string; file: string } {
  const file = path.join(dir, `key_${type}_${made++}`);
  generateKey(file, type);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { type: keyType!, base64: base64!, file: `${file}.pub` };
}

describe('fingerprintSha256', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'] as const)('matches ssh-keygen -l -E sha256 for an %s key', (type) => {
    const key = publicKey(type);
    const blob = Buffer.from(key.base64, 'base64');
    expect(fingerprintSha256(blob)).toBe(fingerprintOf(key.file));
    // unpadded, like OpenSSH prints it
    expect(fingerprintSha256(blob)).not.toMatch(/=$/);
  });
});

describe('keyTypeOf', () => {
  it('reads the type a key blob names', () => {
    expect(keyTypeOf(Buffer.from(publicKey('ed25519').base64, 'base64'))).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from(publicKey('ecdsa').base64, 'base64'))).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOf(Buffer.from(publicKey('rsa').base64, 'base64'))).toBe('ssh-rsa');
  });

  it('returns null for blobs too short or with a length that runs past the end', () => {
    expect(keyTypeOf(Buffer.alloc(2))).toBeNull();
    expect(keyTypeOf(Buffer.from([0, 0, 0, 50, 65, 66]))).toBeNull();
    expect(keyTypeOf(Buffer.from([0, 0, 0, 0]))).toBeNull();
  });
});

describe('decodePublicKey', () => {
  it('refuses a key labelled with another type, and broken base64', () => {
    const key = publicKey('ed25519');
    expect(decodePublicKey('ssh-ed25519', key.base64)?.type).toBe('ssh-ed25519');
    expect(decodePublicKey('ssh-rsa', key.base64)).toBeNull();
    expect(decodePublicKey('ssh-ed25519', 'not base64!')).toBeNull();
  });
});
