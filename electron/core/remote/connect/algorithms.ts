import { getCiphers } from 'node:crypto';
import type { Algorithms, CipherAlgorithm, KexAlgorithm, ServerHostKeyAlgorithm } from 'ssh2';

/**
 * Algorithms OpenSSH itself no longer offers by default (CBC ciphers, SHA-1
 * key exchange, SHA-1 RSA host-key signatures). Old Zimbra hosts (CentOS 6,
 * OpenSSH 5.x) may need them; Casekit offers them only to a server the user
 * marked as legacy, never to everyone.
 */
export const LEGACY_ALGORITHMS = {
  cipher: (['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'] as const satisfies CipherAlgorithm[]).filter(
    (name) => name !== '3des-cbc' || getCiphers().includes('des-ede3-cbc'),
  ),
  kex: [
    'diffie-hellman-group14-sha1',
    'diffie-hellman-group-exchange-sha1',
    'diffie-hellman-group1-sha1',
  ] as const satisfies KexAlgorithm[],
  serverHostKey: ['ssh-rsa'] as const satisfies ServerHostKeyAlgorithm[],
};

const ALL_LEGACY: readonly string[] = [
  ...LEGACY_ALGORITHMS.cipher,
  ...LEGACY_ALGORITHMS.kex,
  ...LEGACY_ALGORITHMS.serverHostKey,
];

/** Whether an ssh_config algorithm line (`Ciphers +aes256-cbc`) turns on something from the legacy list. */
export function mentionsLegacyAlgorithm(setting: string): boolean {
  return setting
    .replace(/^[+^-]/, '')
    .split(/[,\s]+/)
    .some((name) => ALL_LEGACY.includes(name));
}

/** Signature algorithms for verifying a host key of a given type (an RSA key can sign with three). */
function hostKeyAlgorithmsFor(keyType: string, legacy: boolean): ServerHostKeyAlgorithm[] {
  switch (keyType) {
    case 'ssh-ed25519':
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
      return [keyType];
    case 'ssh-rsa':
      return legacy ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : ['rsa-sha2-512', 'rsa-sha2-256'];
    default:
      return [];
  }
}

/**
 * ssh2's defaults, without SHA-1 RSA host-key signatures unless legacy is on.
 * Host-key types already trusted for this server go first, as OpenSSH orders
 * them: a server with an RSA and an Ed25519 key, known by its RSA key, then
 * proves itself with that key instead of raising a needless "unknown key" prompt.
 */
export function algorithmsFor(legacy: boolean, knownKeyTypes: readonly string[]): Algorithms {
  const preferred = knownKeyTypes.flatMap((type) => hostKeyAlgorithmsFor(type, legacy));
  const removed: ServerHostKeyAlgorithm[] = legacy ? [] : ['ssh-rsa'];
  // ssh2 applies remove, prepend and append in the order the keys are written.
  const serverHostKey = { remove: [...removed, ...preferred], prepend: preferred, append: [] };
  if (!legacy) return { serverHostKey };
  return {
    serverHostKey,
    cipher: { remove: [], prepend: [], append: [...LEGACY_ALGORITHMS.cipher] },
    kex: { remove: [], prepend: [], append: [...LEGACY_ALGORITHMS.kex] },
  };
}
