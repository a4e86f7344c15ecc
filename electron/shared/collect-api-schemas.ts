import { z } from 'zod';
import { caseIdSchema } from './case-schemas';
import { collectionSchema, collectItemGroupSchema, collectPlanTotalsSchema } from './collect-schemas';
import { jobIdSchema } from './job-schemas';
import { serverIdSchema, serverRecordSchema } from './server-schemas';
import { jobStartedSchema } from './ship-api-schemas';

/**
 * The Collect step's calls (step 4). The hosts of a collection are servers
 * saved in the case (`cases/<id>/servers.json`), named by their ids; a case
 * keeps one current collection in `cases/<id>/collection/` (its
 * `collection.json` is the journal a re-run resumes from).
 */

/** Item ids are `<hostname>|<kind>|<remote path or command id>`: long paths allowed, never unbounded. */
const itemIdSchema = z.string().min(1).max(5000);
const itemIdsSchema = z.array(itemIdSchema).max(100_000);

/** A server name as the installation lists it (`zmprov -l gas`): also what the new server connects to. */
const serverNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._-]+$/, 'A server name is a host name: letters, digits, dots and dashes.');

export const discoverServersInputSchema = z.object({ caseId: caseIdSchema, serverId: serverIdSchema }).strict();

export const discoveredServerSchema = z.object({
  /** Untrusted text from the server: shown as text only. */
  name: z.string(),
  /** Enabled services (mailbox, mta, ldap, proxy, …). */
  services: z.array(z.string()),
  /** The case's server that already is this one (same host, or the server asked), else null. */
  savedServerId: serverIdSchema.nullable(),
  /** Why this server could not be described (its name is no host name, zmprov failed); it cannot be added then. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type DiscoveredServer = z.infer<typeof discoveredServerSchema>;

export const discoverServersOutputSchema = z.object({
  /** The server that was asked. */
  serverId: serverIdSchema,
  servers: z.array(discoveredServerSchema),
});

export const addDiscoveredServersInputSchema = z
  .object({
    caseId: caseIdSchema,
    /** Its access settings (user, port, key file, jump hosts, sudo) are copied to the new servers. */
    fromServerId: serverIdSchema,
    names: z.array(serverNameSchema).min(1, 'Name at least one server to add.').max(500),
  })
  .strict();
export const addDiscoveredServersOutputSchema = z.object({
  added: z.array(serverRecordSchema),
  /** Names the case already had a server for: nothing was added for them. */
  alreadySaved: z.array(z.string()),
});

/** Where the collection window starts and what to gather, the same for every host. */
export const collectRequestSchema = z
  .object({
    caseId: caseIdSchema,
    serverIds: z.array(serverIdSchema).min(1, 'Choose at least one server.').max(200),
    groups: z.array(collectItemGroupSchema).min(1, 'Choose at least one kind of item.'),
    /** Logs (current and rotated) last changed at or after this moment. */
    since: z.iso.datetime(),
    /** zmdiaglog's arguments; only its documented options are accepted. Absent: the vendor profile's default. */
    zmdiaglogArgs: z.array(z.string().min(1).max(4096)).max(20).optional(),
    /** Dumps (heap, core) the user consented to fetch, each by its item id. */
    consent: itemIdsSchema.default([]),
    /** Remove zmdiaglog's output from the server once the local copy is verified. */
    removeRemoteZmdiaglog: z.boolean().default(false),
  })
  .strict();
export type CollectRequest = z.input<typeof collectRequestSchema>;

export const planCollectionOutputSchema = z.object({
  collection: collectionSchema,
  totals: collectPlanTotalsSchema,
});

export const startCollectionInputSchema = collectRequestSchema
  .extend({
    /** Items of the plan the user trimmed: left out of this run. */
    exclude: itemIdsSchema.default([]),
    /** Run only the items of the current collection that failed (the Retry button). */
    retryFailed: z.boolean().default(false),
  })
  .strict();
export type StartCollectionInput = z.input<typeof startCollectionInputSchema>;

export const getCollectionInputSchema = z.object({ caseId: caseIdSchema }).strict();
export const getCollectionOutputSchema = z.object({
  collection: collectionSchema.nullable(),
  /** The absolute folder the collection is written to (shown to the user, and the Review step's input). */
  dir: z.string(),
  /** What the case's latest collect job was started with: the screen shows it again, and Retry repeats it. */
  request: startCollectionInputSchema.nullable(),
});

/** How far one running item is: bytes, the smoothed rate (bytes/s), seconds left when known, its last output line. */
export const itemLiveSchema = z.object({
  id: itemIdSchema,
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().nullable(),
  rate: z.number().nonnegative(),
  eta: z.number().nonnegative().nullable(),
  /** The last line a command (zmdiaglog) printed: untrusted text, shown as text only. */
  line: z.string().nullable(),
});
export type ItemLive = z.infer<typeof itemLiveSchema>;

/**
 * Pushed (a few times a second at most) while a collect job runs: per host and
 * item status in `collection`, and how far each running item is in `live`.
 */
export const collectionChangedSchema = z.object({
  caseId: caseIdSchema,
  jobId: jobIdSchema,
  collection: collectionSchema,
  live: z.array(itemLiveSchema),
});
export type CollectionChanged = z.infer<typeof collectionChangedSchema>;

/** The Collect step's entries of the contract's `calls`. */
export const collectCalls = {
  discoverServers: { input: discoverServersInputSchema, output: discoverServersOutputSchema },
  addDiscoveredServers: { input: addDiscoveredServersInputSchema, output: addDiscoveredServersOutputSchema },
  planCollection: { input: collectRequestSchema, output: planCollectionOutputSchema },
  startCollection: { input: startCollectionInputSchema, output: jobStartedSchema },
  getCollection: { input: getCollectionInputSchema, output: getCollectionOutputSchema },
} as const;
