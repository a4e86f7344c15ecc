import { formatByteSize } from '../../shared/byte-size';
import type { Collection, CollectItem, CollectPlanTotals } from '../../shared/collect-schemas';
import { EXIT, type ExitCode } from '../exit-codes';
import { describeItem, HOST_KEY_REFUSALS, oneLine, scope } from './collect-report';

/** `4 min`, `35 s`, `1 h 5 min`: an estimate, so rounded up to what a person plans with. */
export function roughDuration(seconds: number): string {
  if (seconds < 1) return 'under 1 s';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const kindColumn = (item: CollectItem): string => item.kind.padEnd(9);
// A command is clearer by its command line than by its id.
const named = (item: CollectItem): string => item.remotePath ?? item.command ?? describeItem(item);

function itemLine(item: CollectItem): string {
  const size = item.size === null ? 'size unknown' : formatByteSize(item.size);
  if (item.status === 'skipped') return `  - ${kindColumn(item)} ${named(item)} (${size}): ${item.reason ?? 'skipped'}`;
  if (item.status === 'ok') return `  = ${kindColumn(item)} ${named(item)} (${size}): already collected`;
  const time = item.estimatedSeconds === null ? '' : `, about ${roughDuration(item.estimatedSeconds)}`;
  return `  + ${kindColumn(item)} ${named(item)} (${size}${time})`;
}

/**
 * `casekit collect --plan` on stderr: per host what would be fetched (+), what
 * is already there (=) and what is left out with its reason (-), then the
 * totals against the free space where the collection goes.
 */
export function printPlan(collection: Collection, totals: CollectPlanTotals, targets: readonly string[]): void {
  const { hosts, items } = scope(collection, targets);
  const lines = [`Plan: logs changed since ${collection.since}; ${collection.groups.join(', ')}.`];
  for (const host of hosts) {
    lines.push(host.host === null ? host.target : `${host.host} (${host.target})`);
    if (host.error !== null) lines.push(`  cannot be planned: ${host.error.code}: ${host.error.message}`);
    for (const item of items.filter((entry) => entry.host === host.host)) lines.push(itemLine(item));
  }
  lines.push(
    `To fetch: ${formatByteSize(totals.bytes)}, about ${roughDuration(totals.seconds)} with the hosts side by side; free where the collection goes: ${formatByteSize(totals.localFreeBytes)}.`,
  );
  if (!totals.fits) {
    lines.push(
      'That is more than the free space: leave items out (--items, --since) or give --out a folder on a larger disk.',
    );
  }
  lines.push('Nothing was fetched. Run the same command without --plan to collect.');
  for (const line of lines) process.stderr.write(`${oneLine(line)}\n`);
}

/** A plan's exit code: 4 when a host key was refused, 1 when no host could be planned, 3 when some could not. */
export function planOutcome(
  collection: Collection,
  targets: readonly string[],
): { code: ExitCode; message: string | null } {
  const { hosts } = scope(collection, targets);
  const refused = hosts.filter((host) => HOST_KEY_REFUSALS.has(host.error?.code ?? '')).length;
  if (refused > 0) {
    return {
      code: EXIT.REFUSED,
      message: `refused for safety: ${refused} host key${refused === 1 ? ' was' : 's were'} not trusted; see above.`,
    };
  }
  const failed = hosts.filter((host) => host.error !== null).length;
  if (failed === 0) return { code: EXIT.OK, message: null };
  if (failed === hosts.length)
    return { code: EXIT.FAILED, message: 'no host could be planned: see the reasons above.' };
  return {
    code: EXIT.PARTIAL,
    message: `${failed} of ${hosts.length} hosts could not be planned: see the reasons above.`,
  };
}
