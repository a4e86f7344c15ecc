import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  ConnectOptions,
  KeyboardInteractiveRequest,
  UnknownHostKeyInfo,
} from '../../../electron/core/remote/connect/connect-types';
import { HostKeyStore } from '../../../electron/core/remote/connect/host-key-store';
import type { SshTarget } from '../../../electron/core/remote/connect/ssh-target';
import type { TestSshd } from './start-sshd';

/** What the user would have been asked, and what the test answers. */
export interface Answers {
  acceptUnknownHostKey: boolean;
  passphrases: string[];
  passwords: string[];
  keyboard: (request: KeyboardInteractiveRequest) => string[] | null;
}

export interface Asked {
  unknownHostKeys: UnknownHostKeyInfo[];
  passphrases: { file: string; attempt: number }[];
  passwords: { user: string; host: string; attempt: number }[];
  keyboard: KeyboardInteractiveRequest[];
}

export interface ConnectFixture {
  /** A temporary home: `.ssh/` (empty), Casekit's known_hosts, and any key files a test writes. */
  home: string;
  appKnownHosts: string;
  userKnownHosts: string;
  store: HostKeyStore;
  asked: Asked;
  answers: Answers;
  options(target: SshTarget, extra?: Partial<ConnectOptions>): ConnectOptions;
  remove(): void;
}

/** Fresh store, home and prompt recorder: tests never see the machine's ~/.ssh or SSH_AUTH_SOCK. */
export function makeConnectFixture(): ConnectFixture {
  const home = mkdtempSync(path.join(os.tmpdir(), 'casekit-connect-'));
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const appKnownHosts = path.join(home, 'casekit', 'known_hosts');
  const userKnownHosts = path.join(home, '.ssh', 'known_hosts');
  const store = new HostKeyStore({ appKnownHostsFile: appKnownHosts, userKnownHostsFiles: [userKnownHosts] });
  const asked: Asked = { unknownHostKeys: [], passphrases: [], passwords: [], keyboard: [] };
  const answers: Answers = { acceptUnknownHostKey: true, passphrases: [], passwords: [], keyboard: () => null };
  return {
    home,
    appKnownHosts,
    userKnownHosts,
    store,
    asked,
    answers,
    options: (target, extra = {}) => ({
      target,
      hostKeys: store,
      homedir: home,
      agent: null,
      readyTimeoutMs: 10_000,
      onUnknownHostKey: async (info) => {
        asked.unknownHostKeys.push(info);
        return answers.acceptUnknownHostKey;
      },
      prompts: {
        passphrase: async (file, attempt) => {
          asked.passphrases.push({ file, attempt });
          return answers.passphrases.shift() ?? null;
        },
        password: async (user, host, attempt) => {
          asked.passwords.push({ user, host, attempt });
          return answers.passwords.shift() ?? null;
        },
        keyboardInteractive: async (request) => {
          asked.keyboard.push(request);
          return answers.keyboard(request);
        },
      },
      ...extra,
    }),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

export function targetOf(sshd: TestSshd, extra: Partial<SshTarget> = {}): SshTarget {
  return {
    host: sshd.host,
    port: sshd.port,
    user: 'root',
    identityFiles: [],
    jump: [],
    alias: null,
    legacyAlgorithms: false,
    ...extra,
  };
}

/** sshd's (LogLevel VERBOSE) record of every authentication it saw: any line here means credentials were sent. */
export function authAttempts(log: string): string[] {
  return log.split('\n').filter((line) => /\b(Accepted|Failed|Postponed|Partial)\b/.test(line));
}

/**
 * Waits until sshd's log, from offset `from` on, matches: e.g. until it logged the end of a connection,
 * so "nothing logged" is not just "not logged yet". Returns that part of the log.
 */
export async function waitForLog(sshd: TestSshd, pattern: RegExp, from = 0, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(sshd.log().slice(from))) {
    if (Date.now() > deadline) throw new Error(`sshd never logged ${pattern}:\n${sshd.log().slice(from)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return sshd.log().slice(from);
}
