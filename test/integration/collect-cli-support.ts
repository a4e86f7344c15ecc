import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { collectionSchema, type Collection } from '../../electron/shared/collect-schemas';
import { runCli, type CliOutcome } from '../support/cli/run-cli';
import type { TestZimbraHost } from '../support/zimbra-host';

/**
 * What the `casekit collect` tests share: a private HOME and data folder (no
 * ~/.ssh, no agent), a known_hosts file, and the command run in-process
 * with the fixture's client key.
 */
export interface CollectCliKit {
  dir: string;
  knownHosts: string;
  /** Trusts these hosts' keys in `knownHosts`. */
  trust(hosts: readonly TestZimbraHost[]): Promise<void>;
  /** `casekit collect <targets> --out <out> --identity <key> --known-hosts <file> …` */
  collect(hosts: readonly TestZimbraHost[], out: string, ...extra: string[]): Promise<CliOutcome>;
  /** The arguments the same call would take, for running the built CLI. */
  args(hosts: readonly TestZimbraHost[], out: string, ...extra: string[]): string[];
  remove(): Promise<void>;
}

export const target = (host: TestZimbraHost) => `root@${host.address}`;

export async function makeCollectCliKit(): Promise<CollectCliKit> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-collect-cli-'));
  const home = path.join(dir, 'home');
  await mkdir(home, { recursive: true });
  vi.stubEnv('HOME', home);
  vi.stubEnv('CASEKIT_HOME', path.join(dir, 'casekit-home'));
  vi.stubEnv('SSH_AUTH_SOCK', '');
  const knownHosts = path.join(dir, 'known_hosts');
  await writeFile(knownHosts, '');
  const args = (hosts: readonly TestZimbraHost[], out: string, ...extra: string[]) => [
    'collect',
    ...hosts.map(target),
    '--out',
    out,
    '--identity',
    hosts[0]?.clientKeyPath ?? '',
    '--known-hosts',
    knownHosts,
    ...extra,
  ];
  return {
    dir,
    knownHosts,
    trust: async (hosts) => writeFile(knownHosts, hosts.map((host) => `${host.knownHostsLine}\n`).join('')),
    args,
    collect: (hosts, out, ...extra) => runCli(args(hosts, out, ...extra)),
    remove: async () => {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function readJournal(out: string): Promise<Collection> {
  return collectionSchema.parse(JSON.parse(await readFile(path.join(out, 'collection.json'), 'utf8')));
}

export async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
