import type { CollectItem, CollectItemKind } from '../../../shared/collect-schemas';
import type { RunAs, CollectProfile } from '../../vendor';
import type { CollectHost } from '../collect-host';
import type { CollectOptions } from '../collect-types';
import { parseCorePattern, type CoreLocation } from './core-pattern';
import { matchesGlob } from './name-glob';
import { consented, fileItem, withRoot } from './plan-items';
import { listRemoteFiles, type RemoteEntry } from './remote-listing';

export const DUMP_CONSENT_REASON =
  'Not fetched without consent: heap and core dumps are memory images that hold mail and passwords, and they cannot be redacted. Consent to this file to fetch it (tick it on the Collect screen, or --allow-cores on the command line).';

/** Where the kernel writes cores on this host, read from /proc (world-readable). */
export async function readCoreLocation(host: Pick<CollectHost, 'run'>, signal?: AbortSignal): Promise<CoreLocation> {
  const result = await host.run('cat /proc/sys/kernel/core_pattern; cat /proc/sys/kernel/core_uses_pid', 'login', {
    signal,
    timeoutMs: 30_000,
  });
  const [pattern = '', usesPid = '0'] = result.stdout.toString('utf8').split('\n');
  if (result.exitCode !== 0 && pattern === '')
    return { kind: 'unknown', note: 'kernel.core_pattern could not be read on this server.' };
  return parseCorePattern(pattern, usesPid.trim() === '1');
}

interface DumpSets {
  crash: { dirs: string[]; patterns: string[] };
  heap: { dirs: string[]; patterns: string[] };
  core: { dirs: string[]; patterns: string[] };
}

/** The folders and globs for crash files, heap dumps and cores, the core pattern's place included. */
export function dumpSets(profile: CollectProfile, root: string, core: CoreLocation): DumpSets {
  const rooted = (dirs: readonly string[]) => dirs.map((dir) => withRoot(dir, root));
  const coreDirs = rooted(profile.cores.dirs);
  const corePatterns = [...profile.cores.patterns];
  if (core.kind === 'folder' || core.kind === 'handler') {
    coreDirs.push(core.dir);
    corePatterns.push(core.glob);
  } else if (core.kind === 'working-folder') corePatterns.push(core.glob);
  return {
    crash: { dirs: rooted(profile.crashFiles.dirs), patterns: [...profile.crashFiles.patterns] },
    heap: { dirs: rooted(profile.heapDumps.dirs), patterns: [...profile.heapDumps.patterns] },
    core: { dirs: [...new Set(coreDirs)], patterns: [...new Set(corePatterns)] },
  };
}

/**
 * Classifies listed files: crash files (hs_err_pid*: text, no consent needed),
 * heap dumps and cores (memory images: consent for each file). A file that
 * fits several sets counts once, the first of crash, heap, core.
 */
export function dumpItems(
  hostname: string,
  sets: DumpSets,
  entries: readonly RemoteEntry[],
  options: Pick<CollectOptions, 'consent'>,
): CollectItem[] {
  const items = new Map<string, CollectItem>();
  const kinds: CollectItemKind[] = ['crash', 'heap', 'core'];
  for (const entry of entries) {
    if (entry.type !== 'file') continue;
    const kind = kinds.find((candidate) => {
      const set = sets[candidate as keyof DumpSets];
      return set.dirs.includes(entry.dir) && set.patterns.some((glob) => matchesGlob(entry.name, glob));
    });
    if (kind === undefined || [...items.values()].some((item) => item.remotePath === entry.path)) continue;
    const item = fileItem(hostname, kind, entry, null);
    if (kind !== 'crash') {
      item.needsConsent = true;
      if (item.status === 'pending' && !consented(options, item.id)) {
        item.status = 'skipped';
        item.reason = DUMP_CONSENT_REASON;
      }
    }
    items.set(item.id, item);
  }
  return [...items.values()];
}

/** Lists crash files, heap dumps and cores on the host and plans them. */
export async function planDumps(
  host: Pick<CollectHost, 'run' | 'hostname'>,
  profile: CollectProfile,
  options: CollectOptions,
  lister: RunAs,
  signal: AbortSignal,
): Promise<CollectItem[]> {
  const sets = dumpSets(profile, options.root, await readCoreLocation(host, signal));
  const dirs = [...new Set([...sets.crash.dirs, ...sets.heap.dirs, ...sets.core.dirs])];
  const patterns = [...new Set([...sets.crash.patterns, ...sets.heap.patterns, ...sets.core.patterns])];
  const entries = await listRemoteFiles(host, dirs, patterns, lister, { signal });
  return dumpItems(host.hostname, sets, entries, options);
}
