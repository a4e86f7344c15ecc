import { createCipheriv, type Cipher } from 'node:crypto';

/**
 * Crypto-PAn (Xu, Fan, Ammar, Moon 2002): a keyed permutation of IPv4 or IPv6
 * addresses that preserves prefixes, so two addresses sharing an n-bit prefix
 * still share exactly n bits afterwards and subnets stay subnets. Bit i of the
 * result is bit i of the original XOR the first bit of AES(first i original
 * bits, padded with a secret pad).
 */
export class CryptoPan {
  private readonly cipher: Cipher;
  private readonly pad: Buffer;

  /** `secret`: 32 bytes, the AES-128 key followed by the material of the pad. */
  constructor(secret: Buffer) {
    if (secret.length !== 32) throw new RangeError('Crypto-PAn needs a 32-byte secret');
    this.cipher = createCipheriv('aes-128-ecb', secret.subarray(0, 16), null);
    this.cipher.setAutoPadding(false);
    this.pad = this.encrypt(secret.subarray(16, 32));
  }

  /** The permuted address, same length as `address` (4 or 16 bytes). */
  anonymize(address: Uint8Array): Uint8Array {
    const bits = address.length * 8;
    // ECB encrypts each block on its own, so all prefixes go through AES in one call.
    const blocks = Buffer.allocUnsafe(bits * 16);
    for (let i = 0; i < bits; i++) {
      const at = i * 16;
      this.pad.copy(blocks, at);
      const whole = i >> 3;
      for (let b = 0; b < whole; b++) blocks[at + b] = address[b] ?? 0;
      const rest = i & 7;
      if (rest !== 0) {
        const mask = (0xff << (8 - rest)) & 0xff;
        blocks[at + whole] = ((address[whole] ?? 0) & mask) | ((this.pad[whole] ?? 0) & ~mask & 0xff);
      }
    }
    const encrypted = this.encrypt(blocks);
    const result = Uint8Array.from(address);
    for (let i = 0; i < bits; i++) {
      const flip = (encrypted[i * 16] ?? 0) >> 7;
      result[i >> 3] = (result[i >> 3] ?? 0) ^ (flip << (7 - (i & 7)));
    }
    return result;
  }

  private encrypt(blocks: Buffer): Buffer {
    return this.cipher.update(blocks);
  }
}
