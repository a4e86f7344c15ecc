import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { deferred, untilAborted, type Deferred } from '../../testing/deferred';
import { loadVendorProfile, resolveResourcesDir } from '../../vendor';
import type { CollectHost, HostConnector } from '../collect-host';
import type { CollectOptions, HostPlanner, ItemContext, ItemOutcome, ItemRunner } from '../collect-types';
import { planItem } from '../host/plan-items';
import type { RunRequest } from './collection-types';

/**
 * In-process hosts, planner and runner for the engine's tests: each host
 * lists the items it was given, the runner writes each item's bytes under
 * the collection folder, and a test can hold, fail or drop any of it.
 */
export interface KitHost {
  hostname: string;
  /** Item names (the last part of the id) and their bytes. */
  files: Record<string, string>;
  /** Commands by id and their output: items of kind `command`. */
  commands?: Record<string, string>;
  /** Connecting fails with this. */
  refuse?: CasekitError;
  /** The network went quiet: commands never answer, they only time out (or are cancelled). */
  silent?: boolean;
}

export interface EngineKit {
  outDir: string;
  hosts: Map<string, KitHost>;
  /** Ids the runner was called for, in order, over all runs. */
  ran: string[];
  /** Targets connected, in order. */
  connected: string[];
  /** Hosts connected at the same moment, at most. */
  peakOpen: number;
  /** Items of one host running at the same moment, at most, by kind. */
  peakRunning: { command: number; log: number };
  /** Makes the runner wait at this item (by name) until released, or until its signal aborts. */
  hold(name: string): Deferred<void> & { reached: Promise<void> };
  /** Makes the runner fail this item (by name) once. */
  failOnce(name: string, error: CasekitError): void;
  /** Ends the connection of a target as a lost one. */
  drop(target: string): void;
  request(overrides?: Partial<RunRequest>): RunRequest;
  remove(): Promise<void>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const commandResult = () => ({
  exitCode: 0,
  signal: null,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  truncated: { stdout: false, stderr: false },
  durationMs: 1,
});

export async function makeEngineKit(hosts: Record<string, KitHost>): Promise<EngineKit> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'casekit-collect-run-'));
  const profile = (await loadVendorProfile('zimbra', { resourcesDir: resolveResourcesDir() })).collect;
  const holds = new Map<string, Deferred<void> & { reached: Promise<void>; arrive: () => void }>();
  const failures = new Map<string, CasekitError>();
  const drops = new Map<string, (reason: CasekitError) => void>();
  let open = 0;
  const running = { command: 0, log: 0 };
  const kit: EngineKit = {
    outDir,
    hosts: new Map(Object.entries(hosts)),
    ran: [],
    connected: [],
    peakOpen: 0,
    peakRunning: { command: 0, log: 0 },
    hold(name) {
      const gate = deferred();
      const reached = deferred();
      const entry = { ...gate, reached: reached.promise, arrive: () => reached.resolve() };
      holds.set(name, entry);
      return entry;
    },
    failOnce(name, error) {
      failures.set(name, error);
    },
    drop(target) {
      drops.get(target)?.(
        new CasekitError('CONNECTION_LOST', `The connection to ${target} was closed by the server or the network.`),
      );
    },
    request: (overrides = {}) => ({
      targets: [...kit.hosts.keys()],
      connect,
      profile,
      vendor: 'zimbra',
      options,
      outDir,
      caseNumber: '00012345',
      concurrency: 4,
      hostTimeoutMs: 30_000,
      planner,
      runner,
      ...overrides,
    }),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };

  const connect: HostConnector = async (target) => {
    const spec = kit.hosts.get(target);
    if (spec === undefined) throw new CasekitError('DNS_FAILED', `${target} is not known.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (spec.refuse !== undefined) throw spec.refuse;
    kit.connected.push(target);
    open += 1;
    kit.peakOpen = Math.max(kit.peakOpen, open);
    let settle: (reason: CasekitError | null) => void = () => undefined;
    const closed = new Promise<CasekitError | null>((resolve) => {
      settle = resolve;
    });
    let ended = false;
    const end = (reason: CasekitError | null) => {
      if (ended) return;
      ended = true;
      open -= 1;
      settle(reason);
    };
    drops.set(target, end);
    const host: CollectHost = {
      target,
      hostname: spec.hostname,
      sessionUser: 'root',
      // The engine runs only its connection check (`true`); everything else is the runner's.
      run: (what, _as, runOptions = {}) => {
        if (what !== 'true') return Promise.reject(new Error('the engine runs no command but its check'));
        if (spec.silent !== true) return Promise.resolve(commandResult());
        return new Promise((_resolve, reject) => {
          const timer = setTimeout(
            () => reject(new CasekitError('COMMAND_TIMEOUT', 'true did not finish in time.')),
            runOptions.timeoutMs,
          );
          runOptions.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new CasekitError('CANCELLED', 'cancelled'));
          });
        });
      },
      fetch: () => Promise.reject(new Error('the engine never fetches itself')),
      closed,
      close: () => {
        end(null);
        return Promise.resolve();
      },
    };
    return host;
  };

  const planner: HostPlanner = async (host) => {
    const spec = kit.hosts.get(host.target);
    return [
      ...Object.entries(spec?.files ?? {}).map(([name, text]) => planned(host.hostname, 'log', name, text.length)),
      ...Object.entries(spec?.commands ?? {}).map(([id, text]) => planned(host.hostname, 'command', id, text.length)),
    ];
  };

  const runner: ItemRunner = async (item: CollectItem, context: ItemContext): Promise<ItemOutcome> => {
    const name = item.id.split('|')[2] ?? '';
    kit.ran.push(item.id);
    const spec = kit.hosts.get(context.host.target);
    const text = (item.kind === 'command' ? spec?.commands?.[name] : spec?.files[name]) ?? '';
    const lane = item.kind === 'command' ? 'command' : 'log';
    running[lane] += 1;
    kit.peakRunning[lane] = Math.max(kit.peakRunning[lane], running[lane]);
    try {
      return await finishItem(item, context, name, text);
    } finally {
      running[lane] -= 1;
    }
  };

  const finishItem = async (item: CollectItem, context: ItemContext, name: string, text: string) => {
    context.onProgress({ bytesDone: 0, bytesTotal: text.length });
    const held = holds.get(name);
    if (held !== undefined) {
      held.arrive();
      holds.delete(name);
      await Promise.race([held.promise, untilAborted(context.signal)]);
    }
    const failure = failures.get(name);
    if (failure !== undefined) {
      failures.delete(name);
      throw failure;
    }
    const localPath = `${item.host}/${item.kind === 'command' ? `commands/${name}.txt` : name}`;
    await mkdir(path.dirname(path.join(context.outDir, localPath)), { recursive: true });
    await writeFile(path.join(context.outDir, localPath), text);
    context.onProgress({ bytesDone: text.length, bytesTotal: text.length });
    return { localPath, size: text.length, sha256: sha256(text), exitCode: null };
  };
  return kit;
}

const options: CollectOptions = {
  groups: ['logs'],
  since: new Date('2025-01-01T00:00:00Z'),
  zmdiaglogArgs: ['-z'],
  root: '/opt/zimbra',
  consent: new Set(),
  removeRemoteZmdiaglog: false,
};

function planned(hostname: string, kind: 'log' | 'command', name: string, size: number): CollectItem {
  return planItem({
    host: hostname,
    kind,
    subject: name,
    remotePath: kind === 'log' ? `/opt/zimbra/log/${name}` : null,
    command: kind === 'command' ? name : null,
    size,
    estimatedSeconds: size / 1000,
  });
}
