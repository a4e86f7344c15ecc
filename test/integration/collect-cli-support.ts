import { createHash, randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * Replaces a log on the test host with `bytes` of random data, changed now
 * and owned by zimbra: large enough that copying it takes a while, so a test
 * can act while it is being copied.
 */
export async function growLog(host: TestZimbraHost, remotePath: string, bytes: number): Promise<void> {
  const file = host.localPathOf(remotePath);
  const handle = await open(file, 'w');
  try {
    const chunk = randomBytes(4 * 1024 * 1024);
    for (let written = 0; written < bytes; written += chunk.length) {
      await handle.write(chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
  await chown(file, host.zimbraUid, host.zimbraUid);
}

/** Waits until `check` is true, trying every 20 ms; fails after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes of a file, 0 when it is not there (yet). */
export async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
