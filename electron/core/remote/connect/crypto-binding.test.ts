import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { SSH_CRYPTO_BINDING_WARNING, sshCryptoBindingAvailable, sshCryptoBindingWarning } from './crypto-binding';

const require = createRequire(import.meta.url);

it('reports what ssh2 itself loaded, with a warning only when the binding is missing', () => {
  const { bindingAvailable } = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
  expect(sshCryptoBindingAvailable()).toBe(bindingAvailable);
  expect(sshCryptoBindingWarning()).toBe(bindingAvailable ? null : SSH_CRYPTO_BINDING_WARNING);
  expect(SSH_CRYPTO_BINDING_WARNING).toMatch(/4 times slower.*@electron\/rebuild/s);
});

it('finds the binding in this development install (built by npm install)', () => {
  // If this fails, run `npm rebuild ssh2`: every SSH test would otherwise measure the slow path.
  expect(sshCryptoBindingAvailable()).toBe(true);
});
