import type { CollectItem } from '../../../shared/collect-schemas';
import type { CollectLogProfile } from '../../vendor';
import { matchesGlob } from './name-glob';
import { fileItem, withRoot } from './plan-items';
import type { RemoteEntry } from './remote-listing';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The files of one log to fetch for a window starting at `since`: the current
 * file, and every rotated copy last changed at or after `since`. A rotated
 * copy of day D was written until D+1 00:00, so its last change is the right
 * test: the copy of the day the window starts in is in, the day before is not.
 */
export function selectLogFiles(log: CollectLogProfile, entries: readonly RemoteEntry[], since: Date): RemoteEntry[] {
  return entries
    .filter((entry) => entry.type === 'file')
    .filter((entry) => {
      if (matchesGlob(entry.name, log.current)) return true;
      return log.rotated.some((glob) => matchesGlob(entry.name, glob)) && entry.modifiedAt.getTime() >= since.getTime();
    })
    .sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || a.path.localeCompare(b.path));
}

/** The note for a window that starts before the oldest copies the vendor keeps, or null. */
export function keptDaysNote(log: CollectLogProfile, since: Date, now: Date): string | null {
  if (log.keptDays === null) return null;
  const days = (now.getTime() - since.getTime()) / DAY_MS;
  if (days <= log.keptDays) return null;
  return `The window starts ${Math.floor(days)} days ago, but rotated ${log.current} copies older than ${log.keptDays} days are deleted by the vendor's log rotation, so its start may be missing.`;
}

/** The folder and name globs to list for one log entry of the profile. */
export function logListing(log: CollectLogProfile, root: string): { dir: string; patterns: string[] } {
  return { dir: withRoot(log.dir, root), patterns: [log.current, ...log.rotated] };
}

/** The plan's items for every log of the profile, from one listing of their folders. */
export function logItems(
  hostname: string,
  logs: readonly CollectLogProfile[],
  entries: readonly RemoteEntry[],
  options: { since: Date; root: string; now?: Date },
): CollectItem[] {
  const items = new Map<string, CollectItem>();
  for (const log of logs) {
    const { dir } = logListing(log, options.root);
    const inDir = entries.filter((entry) => entry.dir === dir);
    const note = keptDaysNote(log, options.since, options.now ?? new Date());
    const files = selectLogFiles(log, inDir, options.since);
    // The note belongs where the gap is: the oldest copy still there.
    const oldest = files.at(-1);
    for (const entry of files) {
      const item = fileItem(hostname, 'log', entry, entry === oldest ? note : null);
      if (!items.has(item.id)) items.set(item.id, item);
    }
  }
  return [...items.values()];
}
