import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A login on the test host; it exists only inside the sshd's mount namespace. */
export interface TestUser {
  name: string;
  uid: number;
  password?: string;
  /** 'password': sudo asks for the user's password; 'nopasswd': it does not; absent: no sudo rights. */
  sudo?: 'password' | 'nopasswd';
}

export function cryptPassword(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n`, encoding: 'utf8' }).trim();
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

/**
 * Copies of /etc/passwd, /etc/group, /etc/shadow and /etc/sudoers with the test
 * users added (and root's password set), to be bind-mounted over the real ones
 * inside the test sshd's mount namespace only: the machine's files are never touched.
 */
export function systemFiles(users: readonly TestUser[], homeOf: (user: string) => string, rootPassword?: string) {
  const ours = new Set(users.map((user) => user.name));
  const keep = (line: string) => !ours.has(line.split(':')[0] ?? '');
  const passwd = [
    ...lines('/etc/passwd').filter(keep),
    ...users.map((u) => `${u.name}:x:${u.uid}:${u.uid}:${u.name}:${homeOf(u.name)}:/bin/sh`),
  ];
  const group = [...lines('/etc/group').filter(keep), ...users.map((u) => `${u.name}:x:${u.uid}:`)];
  const rootHash = rootPassword === undefined ? null : cryptPassword(rootPassword);
  const shadow = [
    ...lines('/etc/shadow')
      .filter(keep)
      .map((line) =>
        rootHash !== null && line.startsWith('root:') ? line.replace(/^root:[^:]*:/, `root:${rootHash}:`) : line,
      ),
    ...users.map((u) => `${u.name}:${u.password === undefined ? '*' : cryptPassword(u.password)}:19000:0:99999:7:::`),
  ];
  const sudoers = [
    // One try and no cached credentials, so each test sees sudo's first answer.
    'Defaults env_reset, passwd_tries=1, timestamp_timeout=0, !lecture',
    'root ALL=(ALL:ALL) ALL',
    ...users.flatMap((u) =>
      u.sudo === 'password'
        ? [`${u.name} ALL=(ALL:ALL) ALL`]
        : u.sudo === 'nopasswd'
          ? [`${u.name} ALL=(ALL:ALL) NOPASSWD: ALL`]
          : [],
    ),
  ];
  const text = (all: string[]) => `${all.join('\n')}\n`;
  return { passwd: text(passwd), group: text(group), shadow: text(shadow), sudoers: text(sudoers) };
}

/** PAM for sshd inside the namespace: plain pam_unix against the bind-mounted shadow, for keyboard-interactive. */
export const SSHD_PAM = `auth required pam_unix.so
account required pam_permit.so
session required pam_permit.so
password required pam_deny.so
`;
