import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventMessage, Unsubscribe } from '../../shared/api-contract';
import type { Result } from '../../shared/result';
import { CaseStore } from '../cases/case-store';
import { ioError } from '../common/error-text';
import { DIR_MODE } from '../common/json-document';
import { JobManager } from '../jobs/job-manager';
import { ConnectionTester } from '../remote/servers/connection-tester';
import { PromptBroker } from '../remote/servers/prompt-broker';
import type { RemoteAccess } from '../remote/servers/remote-access';
import { ServerStore } from '../remote/servers/server-store';
import { createSshRemoteAccess } from '../remote/servers/ssh-remote-access';
import type { CredentialStore } from '../secrets/credential-store';
import { KeychainStore, openCredentialStore } from '../secrets/keychain-store';
import { SettingsStore } from '../settings/settings-store';
import { sshCryptoBindingWarning } from '../remote/connect/crypto-binding';
import { createHandlers, type AppInfo } from './create-handlers';
import { dispatch } from './dispatch';
import { EventBus } from './event-bus';
import { createServerHandlers } from './server-handlers';
import { createShipHandlers } from './ship-handlers';
import { createCollectHandlers } from './collect-handlers';
import { appHostConnector } from '../collect/jobs/app-host-connector';
import { collectJobRunner } from '../collect/jobs/collect-job';
import { packBundle } from '../bundle/index';
import { packJobRunner, type PackFunction } from '../ship/jobs/pack-job';
import type { ChannelTuning } from '../ship/jobs/ship-channels';
import { shipJobRunner } from '../ship/jobs/ship-job';
import { DEFAULT_VENDOR_ID, loadVendorProfile, resolveResourcesDir } from '../vendor/index';

/** The whole back end, the same for the Electron main process and `casekit serve`. */
export interface Core {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (msg: EventMessage) => void): Unsubscribe;
  jobs: JobManager;
  cases: CaseStore;
  settings: SettingsStore;
  servers: ServerStore;
  prompts: PromptBroker;
  /** Absolute path of the data folder. */
  home: string;
  /** Stops running jobs (they resume on the next start). Safe to call more than once. */
  close(): Promise<void>;
}

export interface CreateCoreOptions {
  home: string;
  name?: string;
  version: string;
  /** Where saved secrets go; default the OS keychain (or nothing, when there is none). */
  credentialStore?: CredentialStore;
  /** The user's home, for ~/.ssh/config and ~/.ssh/known_hosts; default os.homedir(). */
  homedir?: string;
  /** The ssh-agent socket; default $SSH_AUTH_SOCK. */
  sshAgent?: string | null;
  /** The SSH layer; tests may pass another. */
  remote?: RemoteAccess;
  /** Packing (default: packBundle, the leak check on the built worker threads) and channel timings; tests pass others. */
  ship?: { pack?: PackFunction; tuning?: ChannelTuning };
  /** Electron's `process.resourcesPath`, where a packaged app's `vendors/` may be (see resolveResourcesDir). */
  resourcesPath?: string;
  /** Hosts collected at once and the time allowed per host; tests shorten them. */
  collect?: { concurrency?: number; hostTimeoutMs?: number };
}

/**
 * Builds the core on a data folder, with the `pack`, `ship` and `collect` job kinds
 * registered. Further kinds are registered by the caller afterwards, which
 * then calls `core.jobs.resumeInterrupted()` so that jobs cut short by a
 * crash or shutdown carry on.
 */
export async function createCore(opts: CreateCoreOptions): Promise<Core> {
  const home = path.resolve(opts.home);
  try {
    await fs.mkdir(home, { recursive: true, mode: DIR_MODE });
  } catch (err) {
    throw ioError(
      `create the Casekit data folder ${home}`,
      err,
      'Check that the location is writable, or point CASEKIT_HOME at a folder you can write to, then start Casekit again.',
    );
  }

  const events = new EventBus();
  const cases = new CaseStore({ home });
  const settings = new SettingsStore({ home });
  const jobs = new JobManager({ home, emit: (msg) => events.emit(msg) });
  await jobs.init();

  const servers = new ServerStore({ home, cases });
  const prompts = new PromptBroker({ emit: (msg) => events.emit(msg) });
  // Asked afresh each time: a keyring unlocked after start-up should be used from then on.
  const keychain = opts.credentialStore ?? new KeychainStore();
  const credentials = () => openCredentialStore(keychain);
  const remote = opts.remote ?? createSshRemoteAccess();
  const tester = new ConnectionTester({
    servers,
    broker: prompts,
    remote,
    credentials,
    home,
    homedir: opts.homedir ?? os.homedir(),
    defaultUser: localUserName(),
    agent: opts.sshAgent === undefined ? (process.env.SSH_AUTH_SOCK ?? null) : opts.sshAgent,
  });

  // Read at each use, and found only then: a missing or broken profile fails that shipment with its reason, not the start.
  const vendorProfile = () =>
    loadVendorProfile(DEFAULT_VENDOR_ID, { resourcesDir: resolveResourcesDir({ resourcesPath: opts.resourcesPath }) });
  // A collection reaches a case's saved servers the way "Test connection" does, prompts included.
  const collectConnector = (caseId: string, serviceUser: string) =>
    appHostConnector({ kind: 'case', caseId }, serviceUser, {
      servers,
      broker: prompts,
      remote,
      credentials,
      local: () => tester.local(),
    });

  const handlers = {
    ...createHandlers({
      cases,
      settings,
      jobs,
      events,
      appInfo: { name: opts.name ?? 'Casekit', version: opts.version, dataDir: home, warnings: startupWarnings() },
    }),
    ...createServerHandlers({ servers, broker: prompts, tester, credentials, events }),
    ...createShipHandlers({ cases, jobs, events, home, vendorProfile }),
    ...createCollectHandlers({ cases, servers, jobs, events, connector: collectConnector, vendorProfile }),
  };
  jobs.registerKind('pack', packJobRunner({ pack: opts.ship?.pack ?? packBundle, appVersion: opts.version }));
  jobs.registerKind(
    'ship',
    shipJobRunner({
      broker: prompts,
      credentials,
      cases,
      onRecorded: (caseId) => events.emit({ event: 'casesChanged', payload: { caseId } }),
      vendorProfile,
      tuning: opts.ship?.tuning,
    }),
  );
  jobs.registerKind(
    'collect',
    collectJobRunner({
      connector: collectConnector,
      vendorProfile,
      onChanged: (payload) => events.emit({ event: 'collectionChanged', payload }),
      ...opts.collect,
    }),
  );

  return {
    dispatch: (name, input) => dispatch(handlers, name, input),
    subscribe: (listener) => events.subscribe(listener),
    jobs,
    cases,
    settings,
    servers,
    prompts,
    home,
    close: async () => {
      // Nobody is left to answer: a connection waiting on a prompt gives up now.
      prompts.cancelAll();
      await jobs.close();
    },
  };
}

/** Who ssh would log in as without a User setting; userInfo throws where the uid has no passwd entry. */
function localUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'root';
  }
}

/** Checked once at start-up; each also goes to stderr for the logs. */
function startupWarnings(): AppInfo['warnings'] {
  const ssh = sshCryptoBindingWarning();
  if (ssh === null) return [];
  console.warn(`Casekit: ${ssh}`);
  return [{ code: 'SSH_CRYPTO_BINDING_MISSING', detail: ssh }];
}
