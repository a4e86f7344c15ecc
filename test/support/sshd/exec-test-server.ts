import type { Client } from 'ssh2';
import { connectTestClient } from './connect-client';
import { startSshd, type TestSshd } from './start-sshd';
import type { TestUser } from './system-files';

// Quotes, $ and spaces: the password must travel as bytes on stdin, never through a shell.
export const CASEKIT_PASSWORD = `pw 'Case"kit' $(id) 1`;
export const NOSUDO_PASSWORD = 'pw-nosudo';

/**
 * The users of the exec and privilege tests: `casekit` may sudo with its
 * password, `nopass` without one, `nosudo` not at all (it has a password, so
 * sudo gets as far as checking the sudoers file), and `zimbra` only if asked.
 */
export function execTestUsers(options: { zimbra: boolean }): TestUser[] {
  return [
    { name: 'casekit', uid: 2101, password: CASEKIT_PASSWORD, sudo: 'password' },
    { name: 'nopass', uid: 2102, sudo: 'nopasswd' },
    { name: 'nosudo', uid: 2103, password: NOSUDO_PASSWORD },
    ...(options.zimbra ? [{ name: 'zimbra', uid: 2104 }] : []),
  ];
}

export interface ExecTestServer {
  sshd: TestSshd;
  /** A logged-in client per user, opened on first use and closed by `stop`. */
  as(user: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startExecTestServer(options: { zimbra: boolean }): Promise<ExecTestServer> {
  const sshd = await startSshd({ users: execTestUsers(options) });
  const clients = new Map<string, Promise<Client>>();
  return {
    sshd,
    as(user) {
      let client = clients.get(user);
      if (!client) {
        client = connectTestClient(sshd, user);
        clients.set(user, client);
      }
      return client;
    },
    async stop() {
      for (const client of clients.values()) (await client).end();
      await sshd.stop();
    },
  };
}
