import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main';
import { savePortalToken } from '../../electron/core/ship/portal/index';
import { KeychainStore } from '../../electron/core/secrets/keychain-store';
import { startKeyring, type TestKeyring } from '../support/keyring/start-keyring';
import { type BundleFixture, makeBundle } from '../support/portal/bundle-fixture';
import { startPortalServer, type TestPortal } from '../support/portal/portal-server';

// The token saved in the OS keychain (keytar → libsecret → GNOME Keyring on a
// private D-Bus session) is what `casekit ship portal` uses without --token-env.

const TOKEN = 'tok-keychain-6aa0c2f1d7';
let keyring: TestKeyring;
let portal: TestPortal;
let bundle: BundleFixture;

beforeAll(async () => {
  keyring = await startKeyring();
  // libsecret reads this when keytar first talks to the bus, which is below.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
  portal = await startPortalServer({ token: TOKEN });
  bundle = await makeBundle([200_000, 100_000]);
});
afterAll(async () => {
  await portal.close();
  await rm(bundle.dir, { recursive: true, force: true });
  await keyring.stop();
});

/**
 * Saves the token once the keyring takes it: the daemon answers reads before
 * its login collection exists, so a successful read alone is not enough.
 */
async function saveWhenReady(store: KeychainStore, url: string, token: string): Promise<void> {
  let last: unknown = null;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await savePortalToken(store, url, token);
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the test keyring never took the token: ${String(last)}`);
}

describe('casekit ship portal with the token in the keychain', () => {
  it('reads the token saved for the portal URL and ships', async () => {
    await saveWhenReady(new KeychainStore(), portal.url, TOKEN);
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void said.push(parts.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => said.push(String(chunk)) > 0);
    let code: number;
    try {
      code = await run(['node', 'casekit', 'ship', 'portal', bundle.dir, '--url', portal.url, '--case', '00012345']);
    } finally {
      vi.restoreAllMocks();
    }
    expect(code, said.join('\n')).toBe(0);
    expect(said.join('\n')).toContain(`using the token saved in the OS keychain for ${portal.url}`);
    expect(said.join('\n')).not.toContain(TOKEN);
    expect(portal.stored.size).toBe(bundle.contents.size);
    expect(portal.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});
