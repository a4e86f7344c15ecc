import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Test hosts live in 10.77.0.0/16; a route makes the whole range unreachable outside the /30 links. */
export const TEST_RANGE = '10.77.0.0/16';
export const NAMESPACE_PREFIX = 'ckz-';
/** Where each namespace records its owner and each /30 its holder, so parallel runs and cleanup agree. */
export const STATE_DIR = '/run/casekit-zimbra-hosts';
const STALE_AFTER_MS = 10 * 60_000;
// A unicast MAC nobody has: frames sent to it are dropped by the peer without a word.
const NOWHERE_MAC = '02:00:00:00:00:01';

export interface HostNetwork {
  namespace: string;
  /** The veth end in the machine's namespace, and its address. */
  hostVeth: string;
  hostAddress: string;
  /** The veth end inside the test host's namespace, and its address (where sshd listens). */
  nsVeth: string;
  address: string;
}

interface NamespaceState {
  namespace: string;
  hostVeth: string;
  subnet: string;
  ownerPid: number;
  ownerStart: string;
  dirs: string[];
}

export const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: 'pipe' });

function tryIp(...args: string[]): boolean {
  try {
    ip(...args);
    return true;
  } catch {
    return false;
  }
}

/** The start time of a process (field 22 of /proc/PID/stat), so a reused pid is not taken for our owner. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const statePath = (namespace: string) => path.join(STATE_DIR, `${namespace}.json`);
const subnetPath = (subnet: string) => path.join(STATE_DIR, `subnet-${subnet}`);

/** Once per machine: no packet for the test range ever leaves it, whatever the default route. */
export function ensureUnreachableRoute(): void {
  if (ip('route', 'show', 'type', 'unreachable', TEST_RANGE).trim() !== '') return;
  try {
    ip('route', 'add', 'unreachable', TEST_RANGE);
  } catch (error) {
    // Another test file may have added it in the meantime.
    if (ip('route', 'show', 'type', 'unreachable', TEST_RANGE).trim() === '') throw error;
  }
}

function addressesInUse(): string {
  return ip('-4', '-o', 'addr');
}

/**
 * Reserves a free /30 in the test range: the reservation file is created
 * exclusively, so two test files starting hosts at the same time never share a link.
 */
function reserveSubnet(namespace: string): string {
  const inUse = addressesInUse();
  for (let attempt = 0; attempt < 200; attempt++) {
    const subnet = `10.77.${randomInt(0, 256)}.${randomInt(0, 64) * 4}`;
    const base = subnet.split('.').slice(0, 3).join('.');
    const last = Number(subnet.split('.')[3]);
    const taken = [1, 2].some((offset) => inUse.includes(` ${base}.${last + offset}/`));
    if (taken) continue;
    try {
      writeFileSync(subnetPath(subnet), namespace, { flag: 'wx' });
      return subnet;
    } catch {
      // reserved by someone else: try another
    }
  }
  throw new Error(`no free /30 left in ${TEST_RANGE}`);
}

const offsetAddress = (subnet: string, offset: number) => {
  const parts = subnet.split('.').map(Number);
  return `${parts[0]}.${parts[1]}.${parts[2]}.${parts[3]! + offset}`;
};

/** A network namespace joined to the machine by a veth pair on its own /30, `lo` up inside. */
export function createHostNetwork(dirs: string[]): HostNetwork {
  mkdirSync(STATE_DIR, { recursive: true });
  const id = randomBytes(4).toString('hex');
  const namespace = `${NAMESPACE_PREFIX}${id}`;
  const hostVeth = `ckzh${id}`;
  const nsVeth = `ckzn${id}`;
  const subnet = reserveSubnet(namespace);
  const state: NamespaceState = {
    namespace,
    hostVeth,
    subnet,
    ownerPid: process.pid,
    ownerStart: processStart(process.pid) ?? '',
    dirs,
  };
  writeFileSync(statePath(namespace), JSON.stringify(state));
  const network = {
    namespace,
    hostVeth,
    hostAddress: offsetAddress(subnet, 1),
    nsVeth,
    address: offsetAddress(subnet, 2),
  };
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', nsVeth, 'netns', namespace);
    ip('addr', 'add', `${network.hostAddress}/30`, 'dev', hostVeth);
    ip('link', 'set', hostVeth, 'up');
    ip('-n', namespace, 'addr', 'add', `${network.address}/30`, 'dev', nsVeth);
    ip('-n', namespace, 'link', 'set', nsVeth, 'up');
    ip('-n', namespace, 'link', 'set', 'lo', 'up');
  } catch (error) {
    removeHostNetwork(network);
    throw error;
  }
  return network;
}

/** The pids of every process in the namespace (sshd, sessions, whatever they started). */
export function namespacePids(namespace: string): number[] {
  try {
    return ip('netns', 'pids', namespace)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** SIGKILLs every process in the namespace and waits until none is left. */
export async function killNamespaceProcesses(namespace: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = namespacePids(namespace);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} in ${namespace} did not die`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function removeHostNetwork(network: Pick<HostNetwork, 'namespace' | 'hostVeth'>): void {
  let subnet: string | null = null;
  try {
    subnet = (JSON.parse(readFileSync(statePath(network.namespace), 'utf8')) as NamespaceState).subnet;
  } catch {
    // no state: nothing reserved
  }
  tryIp('link', 'del', network.hostVeth);
  tryIp('netns', 'del', network.namespace);
  if (subnet) rmSync(subnetPath(subnet), { force: true });
  rmSync(statePath(network.namespace), { force: true });
}

/** Drops every frame between the machine and the host, both ways, without an error to either side. */
export function blackhole(network: HostNetwork): void {
  ip('neigh', 'replace', network.address, 'lladdr', NOWHERE_MAC, 'dev', network.hostVeth, 'nud', 'permanent');
  ip(
    '-n',
    network.namespace,
    'neigh',
    'replace',
    network.hostAddress,
    'lladdr',
    NOWHERE_MAC,
    'dev',
    network.nsVeth,
    'nud',
    'permanent',
  );
}

export function unBlackhole(network: HostNetwork): void {
  tryIp('neigh', 'del', network.address, 'dev', network.hostVeth);
  tryIp('-n', network.namespace, 'neigh', 'del', network.hostAddress, 'dev', network.nsVeth);
}

function isOwnerAlive(state: NamespaceState): boolean {
  return processStart(state.ownerPid) === state.ownerStart;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/**
 * Removes `ckz-*` namespaces (their processes, veths, reserved /30 and temp
 * folders) left by a run that crashed: those whose owning test process is gone,
 * and those without an owner record that are older than ten minutes. Hosts of
 * test files running right now are left alone.
 */
export async function cleanupStaleZimbraHosts(): Promise<string[]> {
  mkdirSync(STATE_DIR, { recursive: true });
  const removed: string[] = [];
  const namespaces = ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(NAMESPACE_PREFIX));
  for (const namespace of namespaces) {
    let state: NamespaceState | null;
    try {
      state = JSON.parse(readFileSync(statePath(namespace), 'utf8')) as NamespaceState;
    } catch {
      state = null;
    }
    const stale = state ? !isOwnerAlive(state) : ageMs(`/run/netns/${namespace}`) > STALE_AFTER_MS;
    if (!stale) continue;
    await killNamespaceProcesses(namespace);
    removeHostNetwork({ namespace, hostVeth: state?.hostVeth ?? `ckzh${namespace.slice(NAMESPACE_PREFIX.length)}` });
    for (const dir of state?.dirs ?? []) rmSync(dir, { recursive: true, force: true });
    removed.push(namespace);
  }
  // veths whose namespace is gone (kept alive by a process that outlived `ip netns del`)
  const live = new Set(
    ip('netns', 'list')
      .split('\n')
      .map((line) => line.split(' ')[0] ?? ''),
  );
  for (const line of ip('-o', 'link', 'show', 'type', 'veth').split('\n')) {
    const id = /^\d+: ckzh([0-9a-f]{8})[@:]/.exec(line)?.[1];
    if (id && !live.has(`${NAMESPACE_PREFIX}${id}`)) tryIp('link', 'del', `ckzh${id}`);
  }
  for (const file of readdirSync(STATE_DIR)) {
    const full = path.join(STATE_DIR, file);
    try {
      const namespace = file.startsWith('subnet-') ? readFileSync(full, 'utf8') : file.replace(/\.json$/, '');
      if (!live.has(namespace) && ageMs(full) > STALE_AFTER_MS) rmSync(full, { force: true });
    } catch {
      // removed by a cleanup running in parallel
    }
  }
  return removed;
}
