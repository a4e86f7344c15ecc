import type { ServerScope } from '../../shared/server-schemas';
import type { ConnectionTester, OpenedCredentials } from '../remote/servers/connection-tester';
import type { PromptBroker } from '../remote/servers/prompt-broker';
import type { ServerStore } from '../remote/servers/server-store';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';

export interface ServerHandlerDeps {
  servers: ServerStore;
  broker: PromptBroker;
  tester: ConnectionTester;
  credentials: () => Promise<OpenedCredentials>;
  events: EventBus;
}

export type ServerHandlers = Pick<
  Handlers,
  | 'listServers'
  | 'saveServer'
  | 'deleteServer'
  | 'testConnection'
  | 'cancelConnectionTest'
  | 'answerPrompt'
  | 'replaceHostKey'
  | 'getKeychainStatus'
  | 'forgetServerSecrets'
>;

/** The server and prompt calls of the contract. Inputs arrive already validated by `dispatch`. */
export function createServerHandlers(deps: ServerHandlerDeps): ServerHandlers {
  const { servers, broker, tester, credentials, events } = deps;
  // Every window showing this list reloads it, whichever window made the change.
  const serversChanged = (scope: ServerScope): void => events.emit({ event: 'serversChanged', payload: { scope } });

  return {
    listServers: ({ scope }) => servers.list(scope),
    saveServer: async ({ scope, id, server }) => {
      const record = await servers.save(scope, id, server);
      serversChanged(scope);
      return record;
    },
    deleteServer: async ({ scope, id }) => {
      await servers.delete(scope, id);
      serversChanged(scope);
      return { id };
    },
    testConnection: ({ scope, id, testId }) => tester.test(scope, id, { testId }),
    cancelConnectionTest: async ({ testId }) => ({ testId, cancelled: tester.cancel(testId) }),
    answerPrompt: async ({ id, answer }) => {
      broker.answer(id, answer);
      return { id };
    },
    replaceHostKey: ({ scope, id, fingerprint }) => tester.replaceHostKey(scope, id, fingerprint),
    getKeychainStatus: async () => {
      const { availability } = await credentials();
      return availability.available
        ? { available: true, reason: null }
        : { available: false, reason: availability.reason };
    },
    forgetServerSecrets: async ({ scope, id }) => ({ forgotten: await tester.forgetSecrets(scope, id) }),
  };
}
