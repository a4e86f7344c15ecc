import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../../shared/error-codes';
import type {
  ConnectionTest,
  HostKeyInfo,
  Hop,
  ServerRecord,
  ServerScope,
  SudoCheck,
} from '../../../shared/server-schemas';
import { errnoCode, ioError } from '../../common/error-text';
import type { CredentialStore, StoreAvailability } from '../../secrets/credential-store';
import { hopAt } from './chain-hop';
import type { PromptBroker } from './prompt-broker';
import type { LocalSsh, RemoteAccess } from './remote-access';
import { firstLineOf } from './run-command';
import { RunningTests } from './running-tests';
import { secretSession } from './secret-prompts';
import type { ServerStore } from './server-store';
import { checkSudo } from './sudo-check';

export interface OpenedCredentials {
  store: CredentialStore;
  availability: StoreAvailability;
}

export interface ConnectionTesterOptions {
  servers: ServerStore;
  broker: PromptBroker;
  remote: RemoteAccess;
  credentials: () => Promise<OpenedCredentials>;
  /** Casekit's data folder: its known_hosts lives there. */
  home: string;
  /** The user's home: ~/.ssh/config and ~/.ssh/known_hosts are read from it, never written. */
  homedir: string;
  defaultUser: string;
  agent: string | null;
  now?: () => number;
}

export interface TestOptions {
  /** The caller's id for this run, for `cancel`. */
  testId?: string;
  signal?: AbortSignal;
}

/**
 * "Test connection": log in to a saved server the way collection will, asking
 * the user through the prompt broker, and report who and where we ended up and
 * what we may do there (for a server set to use sudo: whether sudo really
 * works). The session is closed before the answer is returned; a cancelled
 * test closes it at once and answers CANCELLED.
 */
export class ConnectionTester {
  private readonly running = new RunningTests();

  constructor(private readonly opts: ConnectionTesterOptions) {}

  test(scope: ServerScope, id: string, options: TestOptions = {}): Promise<ConnectionTest> {
    return this.running.run(options.testId, options.signal, async (signal) => {
      try {
        return await this.connectAndCheck(scope, id, signal);
      } catch (err) {
        if (!signal.aborted) throw err;
        throw new CasekitError(
          'CANCELLED',
          'The connection test was cancelled. Casekit closed its connection to the server; test again when you are ready.',
          { cause: err },
        );
      }
    });
  }

  /** Stops a running test; false when no test with this id runs. */
  cancel(testId: string): boolean {
    return this.running.cancel(testId);
  }

  private async connectAndCheck(scope: ServerScope, id: string, signal: AbortSignal): Promise<ConnectionTest> {
    const { servers, broker, remote } = this.opts;
    const now = this.opts.now ?? Date.now;
    const server = await servers.get(scope, id);
    const local = await this.local();
    const { store, availability } = await this.opts.credentials();
    const secrets = secretSession({ broker, store, canRemember: availability.available, signal });
    const started = now();

    const session = await remote.connect({
      server,
      local,
      prompts: secrets.prompts,
      signal,
      onUnknownHostKey: async (hostKey: HostKeyInfo, hop: Hop) => {
        const answer = await broker.ask({ kind: 'hostKey', hostKey, hop }, { signal });
        return answer.kind === 'hostKey' && answer.trust;
      },
    });
    // From here a cancel closes the connection: whatever runs on it fails at once.
    const closeOnAbort = (): void => session.close();
    signal.addEventListener('abort', closeOnAbort, { once: true });
    try {
      signal.throwIfAborted();
      const warnings = await secrets.commit();
      const remoteUser = await firstLineOf(session.client, 'whoami');
      const hostname = await firstLineOf(session.client, 'hostname');
      const privileges = await remote.probePrivileges(session.client, remoteUser, signal);
      let sudoCheck: SudoCheck | null = null;
      if (server.useSudo && !privileges.isRoot) {
        const jumpHosts = session.hops.length;
        const sudo = await checkSudo({
          remote,
          client: session.client,
          sessionUser: remoteUser,
          login: { user: session.user, host: session.hostKey.host, port: session.hostKey.port },
          hop: hopAt(jumpHosts, jumpHosts + 1),
          secrets,
          signal,
        });
        sudoCheck = sudo.check;
        warnings.push(...sudo.warnings);
      }
      return {
        hostKey: session.hostKey,
        authMethod: session.authMethod,
        remoteUser,
        hostname,
        ...privileges,
        sudoCheck,
        hops: session.hops,
        durationMs: Math.max(0, now() - started),
        warnings,
      };
    } finally {
      signal.removeEventListener('abort', closeOnAbort);
      session.close();
    }
  }

  /**
   * Trusts the key the server presents now instead of the one on record, but
   * only if it is the one the user compared (`fingerprint`): a key that changed
   * again in between is refused, never trusted blindly.
   */
  async replaceHostKey(scope: ServerScope, id: string, fingerprint: string): Promise<HostKeyInfo> {
    const server = await this.opts.servers.get(scope, id);
    const { store, availability } = await this.opts.credentials();
    const secrets = secretSession({ broker: this.opts.broker, store, canRemember: availability.available });
    const presented = await this.opts.remote.presentedHostKey({
      server,
      local: await this.local(),
      prompts: secrets.prompts,
    });
    if (presented.info.fingerprint !== fingerprint) {
      throw new CasekitError(
        'HOST_KEY_CHANGED',
        `${presented.info.host}:${presented.info.port} now presents the ${presented.info.keyType} key ` +
          `${presented.info.fingerprint}, not ${fingerprint}. Nothing was trusted. Compare the new fingerprint ` +
          'with the server administrator before you replace the key.',
      );
    }
    await presented.trust();
    return presented.info;
  }

  /** Forgets every secret saved for this server's logins; returns how many there were. */
  async forgetSecrets(scope: ServerScope, id: string): Promise<number> {
    const server = await this.opts.servers.get(scope, id);
    const { store } = await this.opts.credentials();
    const local = await this.local();
    // The saved values too: the secrets may predate a change in ~/.ssh/config.
    const saved = { user: server.user ?? this.opts.defaultUser, host: server.host, port: server.port ?? 22 };
    const logins = [...this.opts.remote.loginPoints(server, local), saved];
    let forgotten = 0;
    for (const ref of secretRefsOf(server, logins, this.opts.homedir)) {
      if (await store.delete(ref)) forgotten += 1;
    }
    return forgotten;
  }

  async local(): Promise<LocalSsh> {
    const { home, homedir, defaultUser, agent } = this.opts;
    return {
      sshConfigText: await readOptional(path.join(homedir, '.ssh', 'config')),
      homedir,
      defaultUser,
      appKnownHostsFile: path.join(home, 'known_hosts'),
      userKnownHostsFiles: [path.join(homedir, '.ssh', 'known_hosts')],
      agent,
    };
  }
}

type LoginRef = { user: string; host: string; port: number };

/** Every keychain entry a server's logins can have: its password, its sudo password, its key's passphrase. */
export function secretRefsOf(server: ServerRecord, logins: LoginRef[], homedir: string) {
  const seen = new Set<string>();
  const refs = logins.flatMap((login) => [
    { kind: 'ssh-password' as const, ...login },
    { kind: 'sudo-password' as const, ...login },
  ]);
  const unique = refs.filter((ref) => {
    const key = `${ref.kind}:${ref.user}@${ref.host}:${ref.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (server.identityFile === null) return unique;
  const keyFile = path.resolve(homedir, server.identityFile.replace(/^~(?=$|\/)/, homedir));
  return [...unique, { kind: 'ssh-passphrase' as const, keyFile }];
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw ioError(`read ${file}`, err, 'Check its permissions, or move it aside, then try again.');
  }
}
