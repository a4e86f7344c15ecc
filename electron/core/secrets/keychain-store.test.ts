import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyring, type TestKeyring } from '../../../test/support/keyring/start-keyring';
import { NoCredentialStore, type SecretRef } from './credential-store';
import { KeychainStore, openCredentialStore } from './keychain-store';

// The real path: keytar → libsecret → GNOME Keyring over a private D-Bus session.
let keyring: TestKeyring;

beforeAll(async () => {
  keyring = await startKeyring();
  // libsecret reads this when keytar first talks to the bus, which is below.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
});
afterAll(() => keyring.stop());

const ref: SecretRef = { kind: 'ssh-password', user: 'admin', host: 'mbx01.example.com', port: 22 };

async function availableStore() {
  const store = new KeychainStore(undefined, `Casekit-test-${process.pid}`);
  // The daemon may need a moment to own its bus name.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await store.availability()).available) return store;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`keychain never became available: ${JSON.stringify(await store.availability())}`);
}

describe('KeychainStore against GNOME Keyring', () => {
  it('saves, reads and forgets a secret', async () => {
    const store = await availableStore();
    expect(await store.get(ref)).toBeNull();
    await store.set(ref, 'correct horse battery staple');
    expect(await store.get(ref)).toBe('correct horse battery staple');
    expect(await store.get({ ...ref, port: 2222 })).toBeNull();
    expect(await store.delete(ref)).toBe(true);
    expect(await store.get(ref)).toBeNull();
    expect(await store.delete(ref)).toBe(false);
  });

  it('is chosen by openCredentialStore when it works', async () => {
    const keychain = await availableStore();
    const { store, availability } = await openCredentialStore(keychain);
    expect(availability).toEqual({ available: true });
    expect(store).toBe(keychain);
  });
});

describe('without a keychain', () => {
  it('falls back to remembering nothing, and says why', async () => {
    const broken = new KeychainStore(async () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    });
    const { store, availability } = await openCredentialStore(broken);
    expect(store).toBeInstanceOf(NoCredentialStore);
    expect(availability).toMatchObject({ available: false, reason: expect.stringContaining('libsecret-1.so.0') });
    expect(await store.get(ref)).toBeNull();
    await expect(store.set(ref, 'x')).rejects.toThrow(/ask for them each time/);
  });
});
