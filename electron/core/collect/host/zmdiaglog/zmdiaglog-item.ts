import type { CollectItem } from '../../../../shared/collect-schemas';
import { command } from '../../../remote/exec';
import type { CollectLogProfile, CollectProfile } from '../../../vendor';
import type { CollectHost } from '../../collect-host';
import type { CollectOptions, ItemContext, ItemOutcome } from '../../collect-types';
import { planItem, withRoot } from '../plan-items';
import type { RemoteEntry } from '../remote-listing';
import { matchesGlob } from '../name-glob';
import { describeZmdiaglogArgs, parseZmdiaglogArgs } from './zmdiaglog-args';
import { estimateZmdiaglog } from './zmdiaglog-estimate';
import { ensureHeapDumpFits, readHeapBytes } from './heap-space';
import { runZmdiaglog } from './run-zmdiaglog';
import { fetchZmdiaglogOutput, removeZmdiaglogOutput } from './fetch-zmdiaglog';

/** The subject of the zmdiaglog item's id: one run per host. */
export const ZMDIAGLOG_SUBJECT = 'zmdiaglog';

/** The run's tool, arguments (checked again: they may come from a saved journal) and destination. */
export function zmdiaglogSetup(profile: CollectProfile, options: Pick<CollectOptions, 'zmdiaglogArgs' | 'root'>) {
  const argv = parseZmdiaglogArgs(options.zmdiaglogArgs.join(' '));
  const request = describeZmdiaglogArgs(argv);
  return {
    path: withRoot(profile.zmdiaglog.path, options.root),
    argv,
    request,
    dest: request.dest ?? withRoot(profile.zmdiaglog.defaultDest, options.root),
  };
}

/** Bytes of the current logs zmdiaglog copies (it takes only today's), from a listing of the log folders. */
export function todaysLogBytes(
  logs: readonly CollectLogProfile[],
  entries: readonly RemoteEntry[],
  root: string,
): number {
  return entries
    .filter((entry) =>
      logs.some((log) => withRoot(log.dir, root) === entry.dir && matchesGlob(entry.name, log.current)),
    )
    .reduce((sum, entry) => sum + entry.size, 0);
}

/** The plan's zmdiaglog entry, with its estimated size and time. */
export async function planZmdiaglog(
  host: Pick<CollectHost, 'run' | 'hostname'>,
  profile: CollectProfile,
  options: CollectOptions,
  logEntries: readonly RemoteEntry[],
  signal: AbortSignal,
): Promise<CollectItem> {
  const setup = zmdiaglogSetup(profile, options);
  const wantsHeap = setup.request.heapDump || setup.request.fromCore;
  // Only an estimate: a server whose heap size cannot be read is still planned (the run checks again).
  const heap = wantsHeap ? await readHeapBytes(host, profile, signal).catch(() => null) : null;
  const estimate = estimateZmdiaglog(setup.request, todaysLogBytes(profile.logs, logEntries, options.root), heap);
  return planItem({
    host: host.hostname,
    kind: 'zmdiaglog',
    subject: ZMDIAGLOG_SUBJECT,
    command: command([setup.path, ...setup.argv]),
    size: estimate.bytes,
    estimatedSeconds: estimate.seconds,
  });
}

/**
 * Runs zmdiaglog as root (after checking, for -a, that a heap dump fits in the
 * destination), streams its output as progress, copies what it made and
 * checks it, then removes it from the server if asked to.
 */
export async function runZmdiaglogItem(context: ItemContext): Promise<ItemOutcome> {
  const { host, profile, options, signal } = context;
  const setup = zmdiaglogSetup(profile, options);
  if (setup.request.heapDump)
    await ensureHeapDumpFits(host, profile, setup.dest, setup.request.archive !== null, signal);
  const found = await runZmdiaglog(host, {
    path: setup.path,
    argv: setup.argv,
    dest: setup.dest,
    limitSecs: profile.zmdiaglog.runLimitSecs,
    signal,
    onLine: (line) => context.onProgress({ bytesDone: 0, bytesTotal: null, line }),
  });
  const outcome = await fetchZmdiaglogOutput(host, found, {
    outDir: context.outDir,
    signal,
    onBytes: (bytesDone, bytesTotal) => context.onProgress({ bytesDone, bytesTotal }),
  });
  if (options.removeRemoteZmdiaglog) {
    const problem = await removeZmdiaglogOutput(host, found, signal);
    if (problem !== null) context.onProgress({ bytesDone: outcome.size, bytesTotal: outcome.size, line: problem });
  }
  return outcome;
}
