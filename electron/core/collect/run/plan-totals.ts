import type { Collection, CollectPlanTotals } from '../../../shared/collect-schemas';
import { freeSpaceOf, type FreeSpace } from '../../remote/transfer/disk-space';

/**
 * What the plan still has to fetch for these targets against the local disk:
 * bytes summed over hosts, time as hosts run (each host's items one after
 * another, `concurrency` hosts at once, the longest first).
 */
export async function planTotals(
  collection: Collection,
  targets: readonly string[],
  concurrency: number,
  outDir: string,
  freeSpace: FreeSpace = freeSpaceOf,
): Promise<CollectPlanTotals> {
  const names = new Set(
    collection.hosts.filter((host) => targets.includes(host.target) && host.host !== null).map((host) => host.host),
  );
  let bytes = 0;
  const secondsPerHost = new Map<string, number>();
  for (const item of collection.items) {
    if (!names.has(item.host) || item.status !== 'pending') continue;
    bytes += item.size ?? 0;
    secondsPerHost.set(item.host, (secondsPerHost.get(item.host) ?? 0) + (item.estimatedSeconds ?? 0));
  }
  const lanes = new Array<number>(Math.max(1, concurrency)).fill(0);
  for (const seconds of [...secondsPerHost.values()].sort((a, b) => b - a)) {
    const least = lanes.indexOf(Math.min(...lanes));
    lanes[least] = (lanes[least] ?? 0) + seconds;
  }
  const localFreeBytes = Math.max(0, Math.floor(await freeSpace(outDir)));
  return { bytes, seconds: Math.max(...lanes), localFreeBytes, fits: bytes <= localFreeBytes };
}
