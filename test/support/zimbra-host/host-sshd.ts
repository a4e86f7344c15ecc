import { type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type HostKey, hostKeysIn, testSshdConfig } from '../sshd/start-sshd';
import { SSHD_PAM, systemFiles, type TestUser } from '../sshd/system-files';
import type { HostNetwork } from './host-network';
import type { ZimbraHostSpec, ZimbraHostsOptions } from './zimbra-host-types';
import { type TreeWriter, ZIMBRA_UID } from './zimbra-tree';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function waitForBanner(
  address: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 10_000,
): Promise<void> {
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

export interface Prepared {
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
export function prepareSsh(
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
  const overlay = path.join(p.dir, 'var-overlay');
  mkdirSync(overlay);

  const tree = p.tree.root;
  const mounts = [
    `hostname ${quote(p.spec.hostname)}`,
    `mount --bind ${quote(path.join(tree, 'opt'))} /opt`,
    // /var/crash may not exist on the machine: an overlay over /var, its upper layer on a tmpfs (which
    // works whatever /tmp is), provides the mount point; other writes to /var vanish with the namespace
    `mount -t tmpfs casekit-zimbra-var ${quote(overlay)}`,
    `mkdir -p ${quote(`${overlay}/upper/crash`)} ${quote(`${overlay}/work`)}`,
    `mount -t overlay casekit-zimbra -o ${quote(`lowerdir=/var,upperdir=${overlay}/upper,workdir=${overlay}/work`)} /var`,
    `mount --bind ${quote(path.join(tree, 'var', 'crash'))} /var/crash`,
    `mount --bind ${quote(path.join(tree, 'var', 'log'))} /var/log`,
    ...Object.entries(etcFiles)
      .filter(([, [, target]]) => existsSync(target))
      .map(([name, [, target]]) => `mount --bind ${quote(path.join(etc, name))} ${target}`),
  ];
  const script = `set -e; ${mounts.join('; ')}; exec /usr/sbin/sshd -D -e -f ${quote(configFile)}`;
  return { script, hostKeys, clientKeyPath, authorizedDir };
}
