import { createRequire } from 'node:module';

// ssh2 exposes this flag only from an internal CommonJS file, which an ES module reaches through require.
const require = createRequire(import.meta.url);

let cached: boolean | null = null;

/**
 * Whether ssh2 loaded its native crypto binding (sshcrypto.node). Without it
 * ssh2 falls back to slower JavaScript ciphers. The binding is built for one
 * Node ABI: a packaged Electron app needs it rebuilt for Electron's
 * (electron-builder's install-app-deps / @electron/rebuild), or it silently
 * goes missing in the shipped app.
 */
export function sshCryptoBindingAvailable(): boolean {
  if (cached === null) {
    try {
      const crypto: unknown = require('ssh2/lib/protocol/crypto.js');
      cached =
        typeof crypto === 'object' &&
        crypto !== null &&
        'bindingAvailable' in crypto &&
        crypto.bindingAvailable === true;
    } catch {
      cached = false;
    }
  }
  return cached;
}

export const SSH_CRYPTO_BINDING_WARNING =
  'ssh2’s native crypto binding (sshcrypto.node) is not loaded, so SSH encryption runs in JavaScript, about 4 times ' +
  'slower: large log downloads will take much longer. Rebuild ssh2 for this runtime (for Electron: npx @electron/rebuild, ' +
  'or electron-builder install-app-deps before packaging; for Node: npm rebuild ssh2).';

/** The warning to log at start-up, or null when the binding is there. */
export function sshCryptoBindingWarning(): string | null {
  return sshCryptoBindingAvailable() ? null : SSH_CRYPTO_BINDING_WARNING;
}
