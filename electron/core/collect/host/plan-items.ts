import { type CollectItem, type CollectItemKind, newCollectItem } from '../../../shared/collect-schemas';
import type { CollectOptions } from '../collect-types';
import type { RemoteEntry } from './remote-listing';

/** A conservative transfer rate for the plan's estimates: what a busy WAN link gives. */
export const PLANNED_BYTES_PER_SECOND = 5 * 1024 * 1024;

/** The stable id: `<hostname>|<kind>|<remote path or command id>`, so a re-run recognises finished items. */
export const itemId = (hostname: string, kind: CollectItemKind, subject: string): string =>
  `${hostname}|${kind}|${subject}`;

/** The parts of an item id; the subject may hold `|` (a path), the host name and kind cannot. */
export function parseItemId(id: string): { hostname: string; kind: string; subject: string } | null {
  const first = id.indexOf('|');
  const second = first < 0 ? -1 : id.indexOf('|', first + 1);
  if (second < 0) return null;
  return { hostname: id.slice(0, first), kind: id.slice(first + 1, second), subject: id.slice(second + 1) };
}

/** A fresh entry of the plan: pending unless `status`/`reason` say otherwise. */
export function planItem(
  fields: Pick<CollectItem, 'host' | 'kind'> & Partial<CollectItem> & { subject: string },
): CollectItem {
  const { subject, ...rest } = fields;
  return newCollectItem({ id: itemId(fields.host, fields.kind, subject), ...rest });
}

/** An item copying one listed file; skipped, with the reason, when its name cannot be asked for. */
export function fileItem(host: string, kind: CollectItemKind, entry: RemoteEntry, reason: string | null): CollectItem {
  return planItem({
    host,
    kind,
    subject: entry.path,
    remotePath: entry.path,
    size: entry.size,
    estimatedSeconds: transferSeconds(entry.size),
    modifiedAt: entry.modifiedAt.toISOString(),
    ...(entry.problem === null ? { reason } : { status: 'skipped', reason: `Not copied: ${entry.problem}.` }),
  });
}

export const transferSeconds = (bytes: number): number => Math.ceil(bytes / PLANNED_BYTES_PER_SECOND);

/** Whether the user consented to fetching this item (a dump). */
export const consented = (options: Pick<CollectOptions, 'consent'>, id: string): boolean =>
  options.consent === 'all' || options.consent.has(id);

/** `{root}` in a profile path, replaced by the install root of this collection. */
export const withRoot = (value: string, root: string): string => value.replaceAll('{root}', root.replace(/\/+$/, ''));
