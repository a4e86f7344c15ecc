import type { Client } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import type { HostKeyInfo, Hop, ServerRecord, ServerScope } from '../../../shared/server-schemas';
import type { OpenedCredentials } from '../../remote/servers/connection-tester';
import { hopAt } from '../../remote/servers/chain-hop';
import type { PromptBroker } from '../../remote/servers/prompt-broker';
import type { LocalSsh, RemoteAccess, RemoteSession } from '../../remote/servers/remote-access';
import { firstLineOf } from '../../remote/servers/run-command';
import { secretSession, type SecretSession } from '../../remote/servers/secret-prompts';
import type { ServerStore } from '../../remote/servers/server-store';
import type { CollectHost, HostConnector } from '../collect-host';
import { sshCollectHost } from '../host/index';

export interface AppConnectorDeps {
  servers: ServerStore;
  broker: PromptBroker;
  remote: RemoteAccess;
  credentials: () => Promise<OpenedCredentials>;
  /** ~/.ssh/config, the known_hosts files and the agent, read afresh for each connection. */
  local: () => Promise<LocalSsh>;
}

/** Keepalives this often, four unanswered and the connection counts as lost: a host that vanishes is known within 20 s. */
const KEEPALIVE_MS = 5_000;

/**
 * How the app reaches a saved server of a case for a collection: the same
 * login as "Test connection" (~/.ssh/config applied, then the server's own
 * settings; an unknown host key shown with its fingerprint and trusted only
 * if the user says so; secrets from the keychain first, then asked), then,
 * for a server set to use sudo, sudo checked once with its password from the
 * keychain or a prompt, and kept for this connection's commands.
 * Targets are the servers' ids.
 */
export function appHostConnector(scope: ServerScope, serviceUser: string, deps: AppConnectorDeps): HostConnector {
  return async (serverId: string, signal: AbortSignal): Promise<CollectHost> => {
    const server = await deps.servers.get(scope, serverId);
    const { store, availability } = await deps.credentials();
    const secrets = secretSession({ broker: deps.broker, store, canRemember: availability.available, signal });
    const session = await deps.remote.connect({
      server,
      local: await deps.local(),
      prompts: secrets.prompts,
      signal,
      keepaliveIntervalMs: KEEPALIVE_MS,
      onUnknownHostKey: async (hostKey: HostKeyInfo, hop: Hop) => {
        const answer = await deps.broker.ask({ kind: 'hostKey', hostKey, hop }, { signal });
        return answer.kind === 'hostKey' && answer.trust;
      },
    });
    try {
      for (const problem of await secrets.commit()) console.warn(`[casekit] ${problem}`);
      const sessionUser = await firstLineOf(session.client, 'whoami');
      const sudoPassword = await sudoFor(server, session, sessionUser, secrets, deps.remote, signal);
      return await sshCollectHost({
        client: session.client,
        target: serverId,
        sessionUser,
        serviceUser,
        closed: session.closed,
        close: async () => {
          session.close();
          await session.closed;
        },
        sudoPassword,
        signal,
      });
    } catch (error) {
      session.close();
      throw error;
    }
  };
}

/**
 * For a server set to use sudo (and not logged in as root): checks that sudo
 * works the way collection runs its commands, asking for the password (the
 * keychain's first) and again after a wrong one. The password sudo accepted
 * is kept for this connection only; none is needed for NOPASSWD. A server not
 * set to use sudo gets `sudo -n` only, which fails where a password is wanted.
 */
async function sudoFor(
  server: ServerRecord,
  session: RemoteSession,
  sessionUser: string,
  secrets: SecretSession,
  remote: RemoteAccess,
  signal: AbortSignal,
): Promise<(() => Promise<string | null>) | undefined> {
  if (!server.useSudo || sessionUser === 'root') return undefined;
  const client: Client = session.client;
  const jumpHosts = session.hops.length;
  const login = { user: session.user, host: session.hostKey.host, port: session.hostKey.port };
  let given: string | null = null;
  const verification = await remote.verifySudo(client, sessionUser, {
    signal,
    password: async (attempt) => {
      given = await secrets.sudoPassword(login, attempt, hopAt(jumpHosts, jumpHosts + 1));
      return given;
    },
  });
  if (verification.status === 'failed') {
    const { code, message } = verification.error;
    throw new CasekitError(code, message);
  }
  for (const problem of await secrets.commit()) console.warn(`[casekit] ${problem}`);
  const accepted: string | null = given;
  return verification.passwordUsed ? () => Promise.resolve(accepted) : undefined;
}
