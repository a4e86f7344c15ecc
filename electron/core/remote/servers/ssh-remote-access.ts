import path from 'node:path';
import type { ServerRecord } from '../../../shared/server-schemas';
import { connectSsh } from '../connect/connect';
import type { ConnectPrompts } from '../connect/connect-types';
import { resolveTarget, type ResolveOptions, type SshTarget } from '../connect/ssh-target';
import { probePrivileges } from '../exec/privilege';
import { verifySudo } from '../exec/verify-sudo';
import { currentHop } from './chain-hop';
import type { ConnectRequest, LocalSsh, LoginPoint, PresentedHostKey, RemoteAccess } from './remote-access';
import { StoppedToReadKey, WatchingHostKeyStore, type SeenKey } from './watching-host-key-store';

/** `[user@]host[:port]` as resolveTarget reads it; an IPv6 address goes in brackets. */
function specOf(user: string | null, host: string, port: number | null): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const address = bare.includes(':') && (port !== null || user !== null) ? `[${bare}]` : bare;
  return `${user === null ? '' : `${user}@`}${address}${port === null ? '' : `:${port}`}`;
}

const expandHome = (file: string, homedir: string): string =>
  path.resolve(homedir, file.replace(/^~(?=$|[/\\])/, homedir));

/** Jump hosts first, in connection order, then the target itself, as connectSsh dials them. */
function hopsOf(target: SshTarget): SshTarget[] {
  return [...target.jump.flatMap(hopsOf), { ...target, jump: [] }];
}

/**
 * The saved server with ~/.ssh/config applied, the way `ssh` would: what the
 * user saved (user, port, key file, jump hosts) wins over the config.
 */
export function targetOf(server: ServerRecord, local: LocalSsh): SshTarget {
  const options: ResolveOptions = {
    sshConfigText: local.sshConfigText,
    defaultUser: local.defaultUser,
    homedir: local.homedir,
  };
  const target = resolveTarget(specOf(server.user, server.host, server.port), {
    ...options,
    legacyAlgorithms: server.legacyAlgorithms,
  });
  if (server.identityFile !== null) target.identityFiles = [expandHome(server.identityFile, local.homedir)];
  if (server.jump.length > 0) target.jump = server.jump.flatMap((spec) => hopsOf(resolveTarget(spec, options)));
  return target;
}

const infoOf = (key: SeenKey) => ({
  host: key.host,
  port: key.port,
  keyType: key.keyType,
  fingerprint: key.fingerprint,
});

function storeFor(local: LocalSsh, stopAt: { host: string; port: number } | null = null): WatchingHostKeyStore {
  return new WatchingHostKeyStore(
    { appKnownHostsFile: local.appKnownHostsFile, userKnownHostsFiles: local.userKnownHostsFiles },
    stopAt,
  );
}

/** The connector's prompts, told which hop is logging in (the one whose key was checked last). */
function promptsFor(request: Omit<ConnectRequest, 'onUnknownHostKey'>, store: WatchingHostKeyStore, target: SshTarget) {
  const chain = hopsOf(target);
  const hop = () => currentHop(chain, store.seen);
  const login = (user: string): LoginPoint => {
    const current = store.current;
    return { user, host: current?.host ?? target.host, port: current?.port ?? target.port };
  };
  const prompts: ConnectPrompts = {
    passphrase: (keyFile, attempt) => request.prompts.passphrase(keyFile, attempt, hop()),
    password: (user, _host, attempt) => request.prompts.password(login(user), attempt, hop()),
    keyboardInteractive: (kbd) => {
      const now = hop();
      const user = chain[now.position - 1]?.user ?? target.user;
      return request.prompts.keyboardInteractive(login(user), kbd, now);
    },
  };
  return prompts;
}

/** The real SSH layer: remote/connect for the login, remote/exec for the privilege probe. */
export function createSshRemoteAccess(): RemoteAccess {
  return {
    async connect(request) {
      const target = targetOf(request.server, request.local);
      const store = storeFor(request.local);
      const session = await connectSsh({
        target,
        hostKeys: store,
        onUnknownHostKey: ({ host, port, keyType, fingerprint }) =>
          request.onUnknownHostKey({ host, port, keyType, fingerprint }, currentHop(hopsOf(target), store.seen)),
        prompts: promptsFor(request, store, target),
        agent: request.local.agent,
        homedir: request.local.homedir,
        signal: request.signal,
        keepaliveIntervalMs: request.keepaliveIntervalMs,
      });
      const hops = hopsOf(target).slice(0, -1);
      return {
        client: session.client,
        hostKey: {
          host: target.host,
          port: target.port,
          keyType: session.hostKey.type,
          fingerprint: session.hostKey.fingerprint,
        },
        hops: hops.flatMap((hop) => {
          const key = store.keyOf(hop.host, hop.port);
          return key === undefined ? [] : [infoOf(key)];
        }),
        authMethod: session.authMethod,
        user: target.user,
        closed: session.closed,
        close: () => void session.close(),
      };
    },

    probePrivileges: (client, sessionUser, signal) => probePrivileges(client, sessionUser, { signal }),
    verifySudo: (client, sessionUser, options) => verifySudo(client, sessionUser, options),

    async presentedHostKey(request): Promise<PresentedHostKey> {
      const target = targetOf(request.server, request.local);
      const store = storeFor(request.local, { host: target.host, port: target.port });
      try {
        const session = await connectSsh({
          target,
          hostKeys: store,
          // Jump hosts on the way are checked as always; nothing new is trusted while reading a key.
          onUnknownHostKey: async () => false,
          prompts: promptsFor(request, store, target),
          agent: request.local.agent,
          homedir: request.local.homedir,
          signal: request.signal,
        });
        await session.close();
      } catch (err) {
        if (!(err instanceof StoppedToReadKey)) throw err;
      }
      const key = store.keyOf(target.host, target.port);
      if (key === undefined)
        throw new Error(`${target.host}:${target.port} was reached without its host key being read.`);
      return { info: infoOf(key), trust: () => store.replace(key.host, key.port, key.keyType, key.blob) };
    },

    loginPoints: (server, local) => {
      let target: SshTarget;
      try {
        target = targetOf(server, local);
      } catch {
        // A config that no longer parses cannot say where the secrets were used; the caller adds the saved values.
        return [];
      }
      return [{ user: target.user, host: target.host, port: target.port }];
    },
  };
}
