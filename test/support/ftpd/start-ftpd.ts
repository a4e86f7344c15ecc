import { type ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCert } from '../portal/self-signed-cert';
import { systemFiles } from '../sshd/system-files';
import { findPortRange } from './port-range';

export type FtpdTls = 'off' | 'explicit' | 'implicit';

export interface FtpdOptions {
  tls?: FtpdTls;
  user?: string;
  password?: string;
  /** How many passive (data) ports the server may use; they are found free on 127.0.0.1 and ::1 alike. */
  passivePorts?: number;
  /** Lines added to vsftpd.conf. */
  config?: string[];
}

export interface TestFtpd {
  host: '127.0.0.1';
  port: number;
  tls: FtpdTls;
  user: string;
  password: string;
  /** The user's login folder on disk (the FTP root the user sees). */
  root: string;
  /** The user's uid: files a test puts into `root` must be its, for the server to append to them. */
  uid: number;
  /** The passive ports vsftpd hands out (all of them, in order). */
  passivePorts: number[];
  /** PEM of the server certificate (TLS servers only; a self-signed one made by openssl). */
  certificatePem: string | null;
  /** `SHA256:AB:CD:…` of that certificate, as Casekit prints it. */
  fingerprint: string | null;
  /** vsftpd's protocol log: every command and reply, with PASS masked by vsftpd itself. */
  log(): string;
  stop(): Promise<void>;
}

const UID = 4300;

/** pam_unix against the bind-mounted shadow; nodelay so a wrong-password test answers at once. */
const VSFTPD_PAM = `auth required pam_unix.so nodelay
account required pam_permit.so
session required pam_permit.so
`;

function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`vsftpd exited with ${child.exitCode}:\n${log()}`));
      const socket = net.connect(port, '127.0.0.1');
      // A TLS-only (implicit) server says nothing first: an accepted TCP connection is enough.
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`vsftpd did not listen on ${port}:\n${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** A fresh self-signed certificate (made by openssl) as files vsftpd reads. */
async function certificateFiles(dir: string): Promise<{ certFile: string; keyFile: string; pem: string }> {
  const { key, cert } = await selfSignedCert();
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  writeFileSync(certFile, cert);
  writeFileSync(keyFile, key, { mode: 0o600 });
  return { certFile, keyFile, pem: cert };
}

/**
 * A real vsftpd on 127.0.0.1 with one password user, started in its own mount
 * namespace so that the user, its password and the PAM setup are test files
 * bind-mounted over /etc (as for the test sshd): the machine's files are never
 * touched. Needs root, as CI and the sessions are. TLS servers get a fresh
 * self-signed certificate.
 */
export async function startFtpd(options: FtpdOptions = {}): Promise<TestFtpd> {
  const tls = options.tls ?? 'off';
  const user = options.user ?? 'casekit';
  const password = options.password ?? 'ftp pass wörd';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-ftpd-'));
  chmodSync(dir, 0o755);
  const home = path.join(dir, 'home');
  const root = path.join(home, user);
  mkdirSync(root, { recursive: true });
  chownSync(root, UID, UID);
  const empty = path.join(dir, 'empty');
  mkdirSync(empty);

  const etc = path.join(dir, 'etc');
  mkdirSync(etc);
  const files = systemFiles([{ name: user, uid: UID, password }], () => root);
  for (const [name, text] of Object.entries({ ...files, 'pam-vsftpd': VSFTPD_PAM }))
    writeFileSync(path.join(etc, name), text);
  chmodSync(path.join(etc, 'shadow'), 0o640);

  const certificate = tls === 'off' ? null : await certificateFiles(dir);
  const [port, ...passivePorts] = await findPortRange(1 + (options.passivePorts ?? 4));
  const logFile = path.join(dir, 'vsftpd.log');
  const config = [
    'listen=YES',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'background=NO',
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    'pam_service_name=vsftpd',
    `secure_chroot_dir=${empty}`,
    'pasv_enable=YES',
    `pasv_min_port=${passivePorts[0]}`,
    `pasv_max_port=${passivePorts[passivePorts.length - 1]}`,
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    `vsftpd_log_file=${logFile}`,
    'log_ftp_protocol=YES',
    // vsftpd's seccomp filter and its network namespace do not fit a container.
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    'max_per_ip=50',
    // A refused login answers at once, so wrong-password tests are quick.
    'delay_failed_login=0',
    ...(certificate === null
      ? ['ssl_enable=NO']
      : [
          'ssl_enable=YES',
          `rsa_cert_file=${certificate.certFile}`,
          `rsa_private_key_file=${certificate.keyFile}`,
          'force_local_logins_ssl=YES',
          'force_local_data_ssl=YES',
          'ssl_ciphers=HIGH',
          `implicit_ssl=${tls === 'implicit' ? 'YES' : 'NO'}`,
        ]),
    ...(options.config ?? []),
  ];
  const configFile = path.join(dir, 'vsftpd.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`);

  const binds = [
    ['passwd', '/etc/passwd'],
    ['group', '/etc/group'],
    ['shadow', '/etc/shadow'],
    ['pam-vsftpd', '/etc/pam.d/vsftpd'],
  ].map(([from, to]) => `mount --bind ${path.join(etc, from!)} ${to}`);
  // The PAM file may be missing on a machine without the vsftpd package's own: bind needs a target.
  const script = `set -e; [ -e /etc/pam.d/vsftpd ] || exit 3; ${binds.join('; ')}; exec /usr/sbin/vsftpd ${configFile}`;
  // Own process group, so stop() also ends the per-session children vsftpd forks.
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => {
    let text = '';
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      // not written yet
    }
    return `${output}${text}`;
  };
  await waitForGreeting(port!, child, log);

  return {
    host: '127.0.0.1',
    port: port!,
    tls,
    user,
    password,
    root,
    uid: UID,
    passivePorts,
    certificatePem: certificate?.pem ?? null,
    fingerprint: certificate === null ? null : `SHA256:${new X509Certificate(certificate.pem).fingerprint256}`,
    log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
