import { describe, expect, it } from 'vitest';
import { secretAccount } from './credential-store';

describe('secretAccount', () => {
  it('names what a secret is for, never the secret, and tells servers apart', () => {
    expect(secretAccount({ kind: 'ssh-password', user: 'root', host: 'mbx01', port: 22 })).toBe(
      'ssh-password:root@mbx01:22',
    );
    expect(secretAccount({ kind: 'sudo-password', user: 'root', host: 'mbx01', port: 22 })).not.toBe(
      secretAccount({ kind: 'ssh-password', user: 'root', host: 'mbx01', port: 22 }),
    );
    expect(secretAccount({ kind: 'ssh-passphrase', keyFile: '/home/a/.ssh/id_ed25519' })).toBe(
      'ssh-passphrase:/home/a/.ssh/id_ed25519',
    );
  });
});
