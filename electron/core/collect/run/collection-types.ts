import type { Collection } from '../../../shared/collect-schemas';
import type { CollectProfile } from '../../vendor';
import type { HostConnector } from '../collect-host';
import type { CollectOptions, HostPlanner, ItemRunner } from '../collect-types';

/** One collection from several hosts: the same for planning and for running it. */
export interface CollectionRequest {
  /** As the user named them: `[user@]host[:port]`, an ssh_config alias, a saved server's id. */
  targets: readonly string[];
  connect: HostConnector;
  profile: CollectProfile;
  vendor: string;
  options: CollectOptions;
  /** The collection folder: `collection.json` and one folder per host. */
  outDir: string;
  caseNumber: string | null;
  /** Hosts worked on at once. */
  concurrency: number;
  /** The most one host may take, connecting included; what is left then fails with COMMAND_TIMEOUT. */
  hostTimeoutMs: number;
  /**
   * After a command of a host timed out, how long a quick `true` on the same
   * connection may take before the connection counts as gone (default 15 s).
   */
  connectionCheckMs?: number;
  /** Default: the host operations' planHost. */
  planner?: HostPlanner;
  /** Default: the host operations' runItem. */
  runner?: ItemRunner;
}

export interface RunRequest extends CollectionRequest {
  /** Item ids the user trimmed from the plan: recorded `skipped`, never run. */
  exclude?: ReadonlySet<string>;
  /** Run again only what failed or never ran; hosts planned before get no new items. */
  retryFailed?: boolean;
}

/** An item being worked on now, for a live per-item view. */
export interface RunningItem {
  id: string;
  host: string;
  bytesDone: number;
  bytesTotal: number | null;
  /** The last line a command printed: untrusted text. */
  line: string | null;
}

/** The whole run at a glance: what this run has to do, not what earlier runs did. */
export interface CollectProgress {
  bytesDone: number;
  bytesTotal: number;
  itemsDone: number;
  itemsTotal: number;
  /** `host: item` of the item started last among those running. */
  current: string | null;
  running: RunningItem[];
}

export interface PlanCallbacks {
  signal: AbortSignal;
  /** The collection after every change of an item or host (a copy the caller may keep). */
  onUpdate?(collection: Collection): void;
}

export interface RunCallbacks extends PlanCallbacks {
  onProgress?(progress: CollectProgress): void;
}
