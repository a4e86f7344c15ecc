import { z } from 'zod';
import { COLLECT_ITEM_GROUPS, type CollectItemGroup, DEFAULT_ITEM_GROUPS } from './collect-item-groups';

/**
 * A collection (step 4) as the core, the CLI's `collection.json`, the API and
 * the Collect screen see it: one definition. A collection is a plan (what each
 * host has, with sizes, before anything is fetched) that a run turns into
 * results item by item. Server names, paths and messages in here come from the
 * servers: untrusted text, shown as text only.
 */

export const collectItemKindSchema = z.enum(['zmdiaglog', 'log', 'command', 'crash', 'heap', 'core']);
export type CollectItemKind = z.infer<typeof collectItemKindSchema>;

export const collectItemGroupSchema = z.enum(COLLECT_ITEM_GROUPS);
export { type CollectItemGroup, DEFAULT_ITEM_GROUPS };

export const collectItemStatusSchema = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);
export type CollectItemStatus = z.infer<typeof collectItemStatusSchema>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const collectItemSchema = z.object({
  /** Stable across runs of the same collection: how a re-run knows what is done. */
  id: z.string().min(1).max(5000),
  /** What the server calls itself (`hostname -f`): the folder its files land in. */
  host: z.string().min(1),
  kind: collectItemKindSchema,
  /** The file on the server; null for a command. */
  remotePath: z.string().nullable(),
  /** The command line as run on the server (commands, zmdiaglog); null for a file. */
  command: z.string().nullable(),
  /** Relative to the collection folder, with `/` separators; null until something was saved. */
  localPath: z.string().nullable(),
  /** Bytes: the plan's estimate before the run, the real size after. */
  size: z.number().int().nonnegative().nullable(),
  /** The plan's estimate of the time it takes (transfer, or zmdiaglog's run). */
  estimatedSeconds: z.number().nonnegative().nullable(),
  /** The remote file's last change, for logs and dumps. */
  modifiedAt: z.iso.datetime().nullable(),
  sha256: sha256.nullable(),
  status: collectItemStatusSchema,
  /** Why it failed or was skipped; null otherwise. */
  reason: z.string().nullable(),
  /** The CasekitError code of a failure. */
  errorCode: z.string().nullable(),
  /** Memory images (heap and core dumps): fetched only with the user's consent for this very file. */
  needsConsent: z.boolean(),
  /** A command's exit status, when it ran. */
  exitCode: z.number().int().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type CollectItem = z.infer<typeof collectItemSchema>;

/** An entry that knows only what `fields` say: pending, with no paths, sizes or results yet. */
export function newCollectItem(fields: Pick<CollectItem, 'id' | 'host' | 'kind'> & Partial<CollectItem>): CollectItem {
  return {
    remotePath: null,
    command: null,
    localPath: null,
    size: null,
    estimatedSeconds: null,
    modifiedAt: null,
    sha256: null,
    status: 'pending',
    reason: null,
    errorCode: null,
    needsConsent: false,
    exitCode: null,
    finishedAt: null,
    ...fields,
  };
}

export const collectHostStatusSchema = z.enum(['pending', 'connecting', 'running', 'done', 'partial', 'failed']);

export const collectHostSchema = z.object({
  /** The target as the user named it: `[user@]host[:port]`, an ssh_config alias, or a saved server's id. */
  target: z.string().min(1),
  /** What the server calls itself, once connected. */
  host: z.string().nullable(),
  /** Enabled services (mailbox, mta, ldap, proxy, …) when discovery told them. */
  services: z.array(z.string()),
  status: collectHostStatusSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type CollectHost = z.infer<typeof collectHostSchema>;

/** `collection.json`: every item with its host, kind, paths, size, sha256 and status. */
export const collectionSchema = z.object({
  schemaVersion: z.literal(1),
  case: z
    .string()
    .regex(/^\d{8}$/)
    .nullable(),
  vendor: z.string(),
  /** Logs touched from this moment on are in the window. */
  since: z.iso.datetime(),
  /** What was asked for. */
  groups: z.array(collectItemGroupSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  hosts: z.array(collectHostSchema),
  items: z.array(collectItemSchema),
});
export type Collection = z.infer<typeof collectionSchema>;

/** Where the plan's figures stand against the local disk, before a run. */
export const collectPlanTotalsSchema = z.object({
  /** Bytes of the selected items still to fetch (estimates where the size is not known ahead, such as zmdiaglog). */
  bytes: z.number().int().nonnegative(),
  /** Seconds, estimated from sizes and a conservative transfer rate, plus zmdiaglog's run time. */
  seconds: z.number().nonnegative(),
  /** Free bytes where the collection is written. */
  localFreeBytes: z.number().int().nonnegative(),
  fits: z.boolean(),
});
export type CollectPlanTotals = z.infer<typeof collectPlanTotalsSchema>;
