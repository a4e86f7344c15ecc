import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import type { RunAs } from '../../vendor';
import type { CollectHost } from '../collect-host';
import type { HostPlanner } from '../collect-types';
import { commandItem } from './command-items';
import { planDumps } from './dump-items';
import { logItems, logListing } from './log-window';
import { listRemoteFiles, type RemoteEntry } from './remote-listing';
import { planZmdiaglog } from './zmdiaglog/zmdiaglog-item';

// Refusals that mean "this login cannot become root here", as opposed to a cancel or a lost connection.
const NO_ROOT = new Set(['SUDO_NOT_ALLOWED', 'SUDO_PASSWORD_REQUIRED', 'PERMISSION_DENIED']);

/**
 * Who lists the folders: root when the login is root or may use sudo (files
 * under /var/log and dumps belong to root), else the login itself, so that a
 * server without sudo still shows what the login can read.
 */
export async function listingUser(host: Pick<CollectHost, 'run'>, signal: AbortSignal): Promise<RunAs> {
  try {
    const result = await host.run(['true'], 'root', { signal, timeoutMs: 60_000 });
    return result.exitCode === 0 ? 'root' : 'login';
  } catch (err) {
    if (err instanceof CasekitError && NO_ROOT.has(err.code) && !signal.aborted) return 'login';
    throw err;
  }
}

/**
 * Lists what one host has for the chosen groups, before anything is fetched:
 * zmdiaglog's run (estimated), the logs of the window with their sizes, the
 * commands, and the dumps (skipped without consent).
 */
export const planHost: HostPlanner = async (host, profile, options, signal) => {
  const lister = await listingUser(host, signal);
  const groups = new Set(options.groups);
  const items: CollectItem[] = [];
  let logEntries: RemoteEntry[] = [];
  if (groups.has('logs') || groups.has('zmdiaglog')) {
    const listings = profile.logs.map((log) => logListing(log, options.root));
    logEntries = await listRemoteFiles(
      host,
      listings.map((listing) => listing.dir),
      [...new Set(listings.flatMap((listing) => listing.patterns))],
      lister,
      { signal },
    );
  }
  if (groups.has('zmdiaglog')) items.push(await planZmdiaglog(host, profile, options, logEntries, signal));
  if (groups.has('logs')) items.push(...logItems(host.hostname, profile.logs, logEntries, options));
  if (groups.has('commands')) items.push(...profile.commands.map((entry) => commandItem(host.hostname, entry)));
  if (groups.has('cores')) items.push(...(await planDumps(host, profile, options, lister, signal)));
  return items;
};
