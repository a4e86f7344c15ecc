import path from 'node:path';
import { z } from 'zod';
import { startCollectionInputSchema } from '../../../shared/collect-api-schemas';
import type { CollectProfile } from '../../vendor/index';
import type { CollectOptions } from '../collect-types';
import { parseZmdiaglogArgs } from '../host/index';

/**
 * A case keeps one current collection: `<case folder>/collection/`, laid out
 * as `casekit collect --out` lays out its folder (`<hostname>/…` and
 * `collection.json`). Planning and every run write there, so a re-run resumes.
 */
export const COLLECTION_FOLDER = 'collection';

export function collectionDirOf(caseFolder: string): string {
  return path.join(caseFolder, COLLECTION_FOLDER);
}

/** Hosts worked on at once, and the most one may take: the CLI's defaults. */
export const HOST_CONCURRENCY = 4;
export const HOST_TIMEOUT_MS = 30 * 60_000;

/** What a collect job needs to run, and to run again the same after a restart; stored as the job's params. */
export const collectJobParamsSchema = z.object({
  caseId: z.string(),
  outDir: z.string(),
  caseNumber: z.string().nullable(),
  /** As the screen sent it (defaults applied): `getCollection` hands it back for the screen and its Retry. */
  request: startCollectionInputSchema,
  /** zmdiaglog's argv, checked; the profile's default when the request gave none. */
  zmdiaglogArgs: z.array(z.string()),
});
export type CollectJobParams = z.infer<typeof collectJobParamsSchema>;
export type CollectRequestInput = Omit<z.output<typeof startCollectionInputSchema>, 'exclude' | 'retryFailed'>;

/** zmdiaglog's arguments checked against its documented options (INVALID_INPUT naming what is wrong). */
export function checkedZmdiaglogArgs(request: CollectRequestInput, profile: CollectProfile): string[] {
  if (request.zmdiaglogArgs === undefined) return [...profile.zmdiaglog.defaultArgs];
  // One word per option or value: a value with a space in it is refused as a stray word.
  return parseZmdiaglogArgs(request.zmdiaglogArgs.join(' '));
}

/** The engine's options for a request of the screen. */
export function collectOptionsOf(
  request: CollectRequestInput,
  zmdiaglogArgs: readonly string[],
  profile: CollectProfile,
): CollectOptions {
  return {
    groups: request.groups,
    since: new Date(request.since),
    zmdiaglogArgs,
    root: profile.root,
    consent: new Set(request.consent),
    removeRemoteZmdiaglog: request.removeRemoteZmdiaglog,
  };
}
