import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SSHD_PAM, systemFiles, type TestUser } from './system-files';

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface SshdOptions {
  /** Host key types the server offers (default ed25519). */
  hostKeyTypes?: KeyType[];
  users?: TestUser[];
  rootPassword?: string;
  /** Lines added to sshd_config, e.g. 'AuthenticationMethods publickey,keyboard-interactive'. */
  config?: string[];
  /** Reuse host keys (a restarted or a "changed" server). */
  hostKeyDir?: string;
}

export interface HostKey {
  type: KeyType;
  /** `ssh-ed25519 AAAA…` */
  publicKey: string;
  /** `SHA256:…` as ssh-keygen -l prints it */
  fingerprint: string;
}

export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  dir: string;
  hostKeyDir: string;
  hostKeys: HostKey[];
  /** A client key pair authorized for root and every test user: the private key's path and text. */
  clientKeyPath: string;
  clientKey: string;
  /** A known_hosts line trusting this server. */
  knownHostsLine: string;
  /** Authorizes another public key for a user. */
  authorize(user: string, publicKey: string): void;
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function generateKey(file: string, type: KeyType, passphrase = ''): void {
  const bits = type === 'rsa' ? ['-b', '3072'] : type === 'ecdsa' ? ['-b', '256'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-C', `casekit-test-${type}`, '-f', file]);
}

export function fingerprintOf(publicKeyFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], { encoding: 'utf8' }).split(' ')[1]!;
}

/** Generates the host keys of `types` that `dir` does not hold yet, and describes them all. */
export function hostKeysIn(dir: string, types: KeyType[]): HostKey[] {
  return types.map((type) => {
    const file = path.join(dir, `ssh_host_${type}_key`);
    if (!existsSync(file)) generateKey(file, type);
    return {
      type,
      publicKey: readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' '),
      fingerprint: fingerprintOf(`${file}.pub`),
    };
  });
}

/** The sshd_config of every test sshd after its ListenAddress: the host keys, one authorized_keys file per user, verbose log. */
export function testSshdConfig(hostKeyDir: string, types: KeyType[], authorizedDir: string): string[] {
  return [
    ...types.map((type) => `HostKey ${path.join(hostKeyDir, `ssh_host_${type}_key`)}`),
    `AuthorizedKeysFile ${authorizedDir}/%u`,
    'PidFile none',
    'StrictModes no',
    'PermitRootLogin yes',
    'UsePAM yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'LogLevel VERBOSE',
    'MaxStartups 100',
    'MaxSessions 100',
    'Subsystem sftp internal-sftp',
  ];
}

function waitForListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited with ${child.exitCode}:\n${log()}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}:\n${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * A real OpenSSH server on 127.0.0.1, in its own mount namespace so that its
 * users, passwords, sudoers and PAM setup are test files bind-mounted over
 * /etc without touching the machine's. Needs root (as CI and the sessions are).
 */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-sshd-'));
  chmodSync(dir, 0o755);
  const hostKeyDir = options.hostKeyDir ?? path.join(dir, 'hostkeys');
  mkdirSync(hostKeyDir, { recursive: true });
  const types = options.hostKeyTypes ?? ['ed25519'];
  const hostKeys = hostKeysIn(hostKeyDir, types);

  const clientKeyPath = path.join(dir, 'client_ed25519');
  generateKey(clientKeyPath, 'ed25519');
  const clientPublic = readFileSync(`${clientKeyPath}.pub`, 'utf8');
  const authorizedDir = path.join(dir, 'authorized_keys');
  mkdirSync(authorizedDir);
  const users = options.users ?? [];
  const homeOf = (user: string) => path.join(dir, 'home', user);
  for (const user of ['root', ...users.map((u) => u.name)]) writeFileSync(path.join(authorizedDir, user), clientPublic);
  for (const user of users) {
    mkdirSync(homeOf(user.name), { recursive: true });
    chownSync(homeOf(user.name), user.uid, user.uid);
  }

  const files = systemFiles(users, homeOf, options.rootPassword);
  const etc = path.join(dir, 'etc');
  mkdirSync(etc);
  for (const [name, text] of Object.entries({ ...files, 'pam-sshd': SSHD_PAM }))
    writeFileSync(path.join(etc, name), text);
  chmodSync(path.join(etc, 'shadow'), 0o640);
  chmodSync(path.join(etc, 'sudoers'), 0o440);

  const port = await freePort();
  const config = [
    `ListenAddress 127.0.0.1:${port}`,
    ...testSshdConfig(hostKeyDir, types, authorizedDir),
    ...(options.config ?? []),
  ];
  const configFile = path.join(dir, 'sshd_config');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  mkdirSync('/run/sshd', { recursive: true });

  const binds = [
    ['passwd', '/etc/passwd'],
    ['group', '/etc/group'],
    ['shadow', '/etc/shadow'],
    ['sudoers', '/etc/sudoers'],
    ['pam-sshd', '/etc/pam.d/sshd'],
  ].map(([from, to]) => `mount --bind ${path.join(etc, from!)} ${to}`);
  const script = `set -e; ${binds.join('; ')}; exec /usr/sbin/sshd -D -e -f ${configFile}`;
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForListening(port, child, () => log);

  return {
    host: '127.0.0.1',
    port,
    dir,
    hostKeyDir,
    hostKeys,
    clientKeyPath,
    clientKey: readFileSync(clientKeyPath, 'utf8'),
    knownHostsLine: hostKeys.map((key) => `[127.0.0.1]:${port} ${key.publicKey}`).join('\n'),
    authorize: (user, publicKey) =>
      writeFileSync(path.join(authorizedDir, user), `${publicKey.trim()}\n`, { flag: 'a' }),
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
