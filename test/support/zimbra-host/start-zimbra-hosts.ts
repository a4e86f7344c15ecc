import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateKey, type HostKey, hostKeysIn, type KeyType, testSshdConfig } from '../sshd/start-sshd';
import { SSHD_PAM, systemFiles, type TestUser } from '../sshd/system-files';
import {
  blackhole,
  cleanupStaleZimbraHosts,
  createHostNetwork,
  ensureUnreachableRoute,
  type HostNetwork,
  killNamespaceProcesses,
  removeHostNetwork,
  unBlackhole,
} from './host-network';
import {
  ALL_SERVICES,
  DEFAULT_RELEASE,
  type ServerEntry,
  writeInstallation,
  writeZmdiaglogControl,
  type ZmdiaglogBehaviour,
  type ZmdiaglogMode,
} from './installation';
import { fakeSecrets, type TreeWriter, writeZimbraTree, ZIMBRA_UID } from './zimbra-tree';

export interface ZimbraHostSpec {
  /** The server's name: its hostname, its name in `zmprov gas`, its zimbra_server_hostname. */
  hostname: string;
  /** zimbraServiceEnabled values (default: every service, a single-server install). */
  services?: string[];
  /** zimbraServiceInstalled values (default: the enabled ones). */
  installedServices?: string[];
  /** Services `zmcontrol status` reports as Stopped (it then exits 1). */
  stoppedServices?: string[];
  /** Logins besides root and zimbra (e.g. a sudo user); the client key is authorized for them. */
  users?: TestUser[];
  /** zmdiaglog's behaviour at start (default 'ok'). */
  zmdiaglog?: ZmdiaglogMode | ZmdiaglogBehaviour;
  /** Approximate size of each log file, uncompressed (default 100 KB; the sizes vary 50–150 % around it). */
  logBytes?: number;
  /** Size of /opt/zimbra/log/java_pid12345.hprof (default 4 MiB). */
  heapDumpBytes?: number;
  /** Size of /opt/zimbra/log/core.12345 (default 1 MiB). */
  coreBytes?: number;
  /** Days of rotated logs (default 10). */
  days?: number;
}

export interface ZimbraHostsOptions {
  /** What `zmcontrol -v` prints. */
  release?: string;
  /** Host key types (default ed25519). */
  hostKeyTypes?: KeyType[];
  /** The "current time" of the logs (default now). */
  now?: Date;
}

export interface TestZimbraHost {
  hostname: string;
  /** Where sshd listens, inside the host's own network namespace (10.77.x.y). */
  address: string;
  /** = address (the name SshTarget and TestSshd use). */
  host: string;
  port: 22;
  /** The machine's end of the link (10.77.x.y-1): connections from the test come from here. */
  hostAddress: string;
  namespace: string;
  /** A client key authorized for root and the spec's users (the same key on every host of the installation). */
  clientKeyPath: string;
  clientKey: string;
  /** known_hosts line(s) trusting this host at its address. */
  knownHostsLine: string;
  hostKeys: HostKey[];
  /** The tree's root on the machine: the host's /opt/zimbra is `<treeDir>/opt/zimbra`. */
  treeDir: string;
  /** The fake secrets in localconfig.xml (`zimbra_ldap_password` → `TEST-SECRET-…`). */
  secrets: Record<string, string>;
  zimbraUid: number;
  /**
   * The machine's /proc/sys/kernel/core_pattern: the host shares it (it cannot
   * be faked per namespace), so this is what `cat /proc/sys/kernel/core_pattern` answers there.
   */
  corePattern: string;
  /** The machine path of a path on the host (under /opt, /var/log or /var/crash). */
  localPathOf(remotePath: string): string;
  /** zmdiaglog's behaviour from its next run on. */
  setZmdiaglog(behaviour: ZmdiaglogMode | ZmdiaglogBehaviour): void;
  authorize(user: string, publicKey: string): void;
  /** Every packet to and from the host is dropped silently (connects time out, sessions stall). */
  down(): void;
  up(): void;
  /** Kills sshd and every process of the host (sessions, their commands): connections end, new ones are refused. */
  killSshd(): Promise<void>;
  /** Starts sshd again, with the same host keys. */
  restartSshd(): Promise<void>;
  /** sshd's stderr (LogLevel VERBOSE), across restarts. */
  log(): string;
  /** Kills everything, removes the namespace, the link and the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function waitForBanner(address: string, child: ChildProcess, log: () => string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const attempt = () => {
      if (child.exitCode !== null)
        return reject(new Error(`sshd on ${address} exited with ${child.exitCode}:\n${log()}`));
      const socket = net.connect(22, address);
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${address}:22:\n${log()}`));
        else setTimeout(attempt, 30);
      });
    };
    attempt();
  });
}

interface Prepared {
  spec: ZimbraHostSpec;
  dir: string;
  network: HostNetwork;
  tree: TreeWriter;
  secrets: Record<string, string>;
  script: string;
  hostKeys: HostKey[];
  clientKeyPath: string;
  authorizedDir: string;
}

/** The host's users, passwd/shadow/sudoers/PAM, hosts file and sshd_config, and the script that starts sshd. */
function prepareSsh(
  p: Omit<Prepared, 'script' | 'hostKeys' | 'clientKeyPath' | 'authorizedDir'>,
  all: Prepared['network'][],
  names: string[],
  options: ZimbraHostsOptions,
  clientKey: string,
) {
  const ssh = path.join(p.dir, 'ssh');
  mkdirSync(ssh);
  const types = options.hostKeyTypes ?? ['ed25519'];
  const hostKeys = hostKeysIn(ssh, types);
  const clientKeyPath = path.join(p.dir, 'client_ed25519');
  copyFileSync(clientKey, clientKeyPath);
  chmodSync(clientKeyPath, 0o600);
  copyFileSync(`${clientKey}.pub`, `${clientKeyPath}.pub`);
  const clientPublic = readFileSync(`${clientKey}.pub`, 'utf8');

  const users: TestUser[] = [{ name: 'zimbra', uid: ZIMBRA_UID }, ...(p.spec.users ?? [])];
  const homeOf = (user: string) => (user === 'zimbra' ? '/opt/zimbra' : path.join(p.dir, 'home', user));
  const authorizedDir = path.join(ssh, 'authorized_keys');
  mkdirSync(authorizedDir);
  for (const user of ['root', ...(p.spec.users ?? []).map((u) => u.name)])
    writeFileSync(path.join(authorizedDir, user), clientPublic);
  for (const user of p.spec.users ?? []) {
    mkdirSync(homeOf(user.name), { recursive: true });
    chownSync(homeOf(user.name), user.uid, user.uid);
  }

  const files = systemFiles(users, homeOf);
  // zimbra logs in with bash, as on a real install (its tools assume it)
  files.passwd = files.passwd.replace(/^(zimbra:[^\n]*:)\/bin\/sh$/m, '$1/bin/bash');
  const etc = path.join(ssh, 'etc');
  mkdirSync(etc);
  const hosts = [
    '127.0.0.1\tlocalhost',
    ...all.map((network, i) => `${network.address}\t${names[i]} ${names[i]!.split('.')[0]}`),
  ].join('\n');
  const etcFiles: Record<string, [string, string]> = {
    passwd: [files.passwd, '/etc/passwd'],
    group: [files.group, '/etc/group'],
    shadow: [files.shadow, '/etc/shadow'],
    sudoers: [files.sudoers, '/etc/sudoers'],
    'pam-sshd': [SSHD_PAM, '/etc/pam.d/sshd'],
    hosts: [`${hosts}\n`, '/etc/hosts'],
    hostname: [`${p.spec.hostname}\n`, '/etc/hostname'],
  };
  for (const [name, [text]] of Object.entries(etcFiles)) writeFileSync(path.join(etc, name), text);
  chmodSync(path.join(etc, 'shadow'), 0o640);
  chmodSync(path.join(etc, 'sudoers'), 0o440);

  const config = [`ListenAddress ${p.network.address}:22`, ...testSshdConfig(ssh, types, authorizedDir)];
  const configFile = path.join(ssh, 'sshd_config');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  mkdirSync(path.join(p.dir, 'var-work'));

  const tree = p.tree.root;
  const mounts = [
    `hostname ${quote(p.spec.hostname)}`,
    `mount --bind ${quote(path.join(tree, 'opt'))} /opt`,
    // /var/crash may not exist on the machine: an overlay over /var adds it (writes land in the tree)
    `mount -t overlay casekit-zimbra -o ${quote(`lowerdir=/var,upperdir=${path.join(tree, 'var')},workdir=${path.join(p.dir, 'var-work')}`)} /var`,
    `mount --bind ${quote(path.join(tree, 'var', 'log'))} /var/log`,
    ...Object.entries(etcFiles)
      .filter(([, [, target]]) => existsSync(target))
      .map(([name, [, target]]) => `mount --bind ${quote(path.join(etc, name))} ${target}`),
  ];
  const script = `set -e; ${mounts.join('; ')}; exec /usr/sbin/sshd -D -e -f ${quote(configFile)}`;
  return { script, hostKeys, clientKeyPath, authorizedDir };
}

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
