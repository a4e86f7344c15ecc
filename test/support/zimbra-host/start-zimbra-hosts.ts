import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKey } from '../sshd/start-sshd';
import {
  blackhole,
  cleanupStaleZimbraHosts,
  createHostNetwork,
  ensureUnreachableRoute,
  killNamespaceProcesses,
  removeHostNetwork,
  unBlackhole,
} from './host-network';
import { type Prepared, prepareSsh, waitForBanner } from './host-sshd';
import {
  ALL_SERVICES,
  DEFAULT_RELEASE,
  type ServerEntry,
  writeInstallation,
  writeZmdiaglogControl,
  type ZmdiaglogBehaviour,
  type ZmdiaglogMode,
} from './installation';
import type { TestZimbraHost, ZimbraHostSpec, ZimbraHostsOptions } from './zimbra-host-types';
import { fakeSecrets, writeZimbraTree, ZIMBRA_UID } from './zimbra-tree';

class ZimbraHost implements TestZimbraHost {
  readonly port = 22;
  readonly zimbraUid = ZIMBRA_UID;
  readonly corePattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
  private child: ChildProcess | null = null;
  private text = '';
  private stopped = false;

  constructor(private readonly p: Prepared) {}

  get hostname() {
    return this.p.spec.hostname;
  }
  get address() {
    return this.p.network.address;
  }
  get host() {
    return this.p.network.address;
  }
  get hostAddress() {
    return this.p.network.hostAddress;
  }
  get namespace() {
    return this.p.network.namespace;
  }
  get clientKeyPath() {
    return this.p.clientKeyPath;
  }
  get clientKey() {
    return readFileSync(this.p.clientKeyPath, 'utf8');
  }
  get knownHostsLine() {
    return this.p.hostKeys.map((key) => `${this.address} ${key.publicKey}`).join('\n');
  }
  get hostKeys() {
    return this.p.hostKeys;
  }
  get treeDir() {
    return this.p.tree.root;
  }
  get secrets() {
    return this.p.secrets;
  }

  localPathOf(remotePath: string): string {
    const normal = path.posix.normalize(remotePath);
    if (!/^\/(opt|var\/log|var\/crash)(\/|$)/.test(normal))
      throw new Error(`${remotePath} is not in the test host's tree (/opt, /var/log, /var/crash)`);
    return this.p.tree.local(normal);
  }

  setZmdiaglog(behaviour: ZmdiaglogMode | ZmdiaglogBehaviour): void {
    writeZmdiaglogControl(this.p.tree, behaviour);
  }

  authorize(user: string, publicKey: string): void {
    writeFileSync(path.join(this.p.authorizedDir, user), `${publicKey.trim()}\n`, { flag: 'a' });
  }

  down(): void {
    blackhole(this.p.network);
  }

  up(): void {
    unBlackhole(this.p.network);
  }

  async startSshd(): Promise<void> {
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        this.namespace,
        'unshare',
        '--mount',
        '--uts',
        '--propagation',
        'private',
        '--',
        '/bin/sh',
        '-c',
        this.p.script,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    await waitForBanner(this.address, child, () => this.text);
  }

  async killSshd(): Promise<void> {
    await killNamespaceProcesses(this.namespace);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));
  }

  restartSshd(): Promise<void> {
    return this.startSshd();
  }

  log(): string {
    return this.text;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.killSshd();
    } finally {
      removeHostNetwork(this.p.network);
      rmSync(this.p.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Starts one Zimbra installation of test hosts: each a real sshd in its own
 * network, mount and UTS namespace, reachable at its own 10.77.x.y, with a
 * Zimbra-like /opt, /var/log and /var/crash. Needs root. Callers stop every
 * host in afterAll (also when a test failed); a crashed run's leftovers are
 * removed by the next start (cleanupStaleZimbraHosts).
 */
export async function startZimbraHosts(
  specs: ZimbraHostSpec[],
  options: ZimbraHostsOptions = {},
): Promise<TestZimbraHost[]> {
  if (new Set(specs.map((s) => s.hostname)).size !== specs.length) throw new Error('host names must be unique');
  await cleanupStaleZimbraHosts();
  ensureUnreachableRoute();
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'casekit-zimbra-key-'));
  const hosts: ZimbraHost[] = [];
  const started: Omit<Prepared, 'script' | 'hostKeys' | 'clientKeyPath' | 'authorizedDir'>[] = [];
  try {
    const clientKey = path.join(keyDir, 'client_ed25519');
    generateKey(clientKey, 'ed25519');
    const now = options.now ?? new Date();
    const ldapHost = specs.find((s) => (s.services ?? ALL_SERVICES).includes('ldap'))?.hostname ?? specs[0]!.hostname;
    const servers: ServerEntry[] = specs.map((s) => ({
      hostname: s.hostname,
      services: s.services ?? ALL_SERVICES,
      installedServices: s.installedServices ?? s.services ?? ALL_SERVICES,
      stoppedServices: s.stoppedServices ?? [],
    }));
    for (const spec of specs) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `casekit-zimbra-${spec.hostname.split('.')[0]}-`));
      // sshd reads authorized_keys as the user logging in
      chmodSync(dir, 0o755);
      const network = createHostNetwork([dir]);
      const secrets = fakeSecrets();
      const tree = writeZimbraTree(path.join(dir, 'root'), {
        hostname: spec.hostname,
        logBytes: spec.logBytes ?? 100_000,
        heapDumpBytes: spec.heapDumpBytes ?? 4 * 1024 * 1024,
        coreBytes: spec.coreBytes ?? 1024 * 1024,
        days: spec.days ?? 10,
        secrets,
        ldapHost,
        now,
      });
      started.push({ spec, dir, network, tree, secrets });
    }
    const networks = started.map((s) => s.network);
    const names = specs.map((s) => s.hostname);
    for (const [i, s] of started.entries()) {
      writeInstallation(s.tree, servers[i]!, servers, options.release ?? DEFAULT_RELEASE);
      writeZmdiaglogControl(s.tree, s.spec.zmdiaglog ?? 'ok');
      hosts.push(new ZimbraHost({ ...s, ...prepareSsh(s, networks, names, options, clientKey) }));
    }
    await Promise.all(hosts.map((host) => host.startSshd()));
    return hosts;
  } catch (error) {
    await Promise.allSettled(hosts.map((host) => host.stop()));
    for (const s of started.slice(hosts.length)) {
      removeHostNetwork(s.network);
      rmSync(s.dir, { recursive: true, force: true });
    }
    throw error;
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}
