import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'ssh2';
import type { CollectHost } from '../../electron/core/collect/collect-host';
import type { CollectOptions, ItemContext, ItemProgress } from '../../electron/core/collect/collect-types';
import { sshCollectHost } from '../../electron/core/collect/host/index';
import { loadVendorProfile, resolveResourcesDir, type CollectProfile } from '../../electron/core/vendor';
import type { CollectItem } from '../../electron/shared/collect-schemas';
import { connectTestClient } from '../support/sshd/connect-client';
import type { TestZimbraHost } from '../support/zimbra-host';

/** The Zimbra profile as shipped: the tests collect what the app would. */
export async function zimbraProfile(): Promise<CollectProfile> {
  return (await loadVendorProfile('zimbra', { resourcesDir: resolveResourcesDir() })).collect;
}

/** A plain ssh2 client logged in to a test Zimbra host with its client key, the host key checked. */
export const connectZimbraHost = (host: TestZimbraHost, user: string): Promise<Client> =>
  connectTestClient({ host: host.address, port: host.port, hostKeys: host.hostKeys, clientKey: host.clientKey }, user);

/** A CollectHost on a test host, logged in as `user`; closed by `close()`. */
export async function collectHostOn(
  host: TestZimbraHost,
  user = 'root',
  sudoPassword?: () => Promise<string | null>,
): Promise<CollectHost> {
  const client = await connectZimbraHost(host, user);
  const closed = new Promise<null>((resolve) => client.once('close', () => resolve(null)));
  return sshCollectHost({
    client,
    target: `${user}@${host.address}`,
    sessionUser: user,
    serviceUser: 'zimbra',
    sudoPassword,
    closed,
    close: async () => {
      client.end();
      await closed;
    },
  });
}

export function collectOptions(overrides: Partial<CollectOptions> = {}): CollectOptions {
  return {
    groups: ['zmdiaglog', 'logs', 'commands'],
    since: new Date(Date.now() - 24 * 3600_000),
    zmdiaglogArgs: ['-z'],
    root: '/opt/zimbra',
    consent: new Set(),
    removeRemoteZmdiaglog: false,
    ...overrides,
  };
}

/** An ItemContext writing under `outDir`, keeping every progress report. */
export function itemContext(
  host: CollectHost,
  profile: CollectProfile,
  outDir: string,
  options: CollectOptions,
  signal: AbortSignal = new AbortController().signal,
): ItemContext & { progress: ItemProgress[] } {
  const progress: ItemProgress[] = [];
  return { host, profile, options, outDir, signal, progress, onProgress: (report) => progress.push(report) };
}

export const byId = (items: readonly CollectItem[], id: string): CollectItem => {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no item ${id} among ${items.map((candidate) => candidate.id).join(', ')}`);
  return item;
};

/** A fresh temporary folder and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
