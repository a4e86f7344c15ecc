import type { CollectItem, CollectItemGroup } from '../../shared/collect-schemas';
import type { CollectProfile } from '../vendor';
import type { CollectHost } from './collect-host';

/** What the user asked for: the same for every host of one collection. */
export interface CollectOptions {
  groups: readonly CollectItemGroup[];
  /** Logs (current and rotated) last changed at or after this moment are in the window. */
  since: Date;
  /** zmdiaglog's arguments, already checked against its documented options. */
  zmdiaglogArgs: readonly string[];
  /** The install root on the servers (`{root}` in the profile); default the profile's. */
  root: string;
  /**
   * Dumps the user consented to, by item id; `'all'` when consent was given
   * for every dump listed (the CLI's `--allow-cores`).
   */
  consent: ReadonlySet<string> | 'all';
  /** Remove zmdiaglog's output on the server once the local copy is verified. */
  removeRemoteZmdiaglog: boolean;
}

/** Progress of one item while it runs. `line`: the last line a command printed (untrusted text). */
export interface ItemProgress {
  bytesDone: number;
  bytesTotal: number | null;
  line?: string;
}

export interface ItemContext {
  host: CollectHost;
  profile: CollectProfile;
  options: CollectOptions;
  /** The collection folder; the item writes under `<outDir>/<host.hostname>/`. */
  outDir: string;
  signal: AbortSignal;
  onProgress(progress: ItemProgress): void;
}

/** What a finished item adds to its entry. */
export interface ItemOutcome {
  /** Relative to outDir, `/` separators. */
  localPath: string;
  size: number;
  /** Of the file at localPath; for a folder (zmdiaglog without -z), of its manifest `SHA256SUMS`. */
  sha256: string;
  exitCode: number | null;
}

/** Lists what one host has for the options: entries `pending`, or `skipped` with the reason (consent missing, …). */
export type HostPlanner = (
  host: CollectHost,
  profile: CollectProfile,
  options: CollectOptions,
  signal: AbortSignal,
) => Promise<CollectItem[]>;

/** Does one item; rejects with a CasekitError saying what failed and why. */
export type ItemRunner = (item: CollectItem, context: ItemContext) => Promise<ItemOutcome>;
