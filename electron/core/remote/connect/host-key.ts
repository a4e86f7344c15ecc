import { createHash } from 'node:crypto';

/**
 * `SHA256:` and the unpadded base64 of the SHA-256 of the key blob: the form
 * `ssh-keygen -l -E sha256` and OpenSSH's own prompts print, so an admin can
 * compare what Casekit shows with what the server's console shows.
 */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type an SSH public key blob names in its first field (RFC 4253
 * §6.6), e.g. `ssh-ed25519` or `ecdsa-sha2-nistp256`; null when the blob is
 * too short to hold one. The blob names the key's type, not the signature
 * algorithm negotiated for it: an RSA key is `ssh-rsa` even under rsa-sha2-512.
 */
export function keyTypeOf(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null;
  const type = keyBlob.toString('latin1', 4, 4 + length);
  return /^[\x21-\x7e]+$/.test(type) ? type : null;
}

/** A public key as `ssh-ed25519 AAAA…` text (known_hosts, authorized_keys, `.pub` files), decoded. */
export interface PublicKeyText {
  type: string;
  blob: Buffer;
}

/**
 * Decodes the `type base64` pair of a public-key line; null when the base64
 * is not a key blob of the named type (a truncated paste, a typo, a key
 * labelled with the wrong type), so a damaged line never matches anything.
 */
export function decodePublicKey(type: string, base64: string): PublicKeyText | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const blob = Buffer.from(base64, 'base64');
  return keyTypeOf(blob) === type ? { type, blob } : null;
}
