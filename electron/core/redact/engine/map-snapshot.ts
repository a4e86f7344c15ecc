import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CasekitError } from '../../../shared/error-codes';
import { readJsonDocument, writeJsonDocument } from '../../common/json-document';
import { emptyEntries, emptyVocabulary, type MapEntries, type Vocabulary } from './types';

export const MAP_FORMAT_VERSION = 1;

/**
 * The private pseudonym map of a case: the secret key every pseudonym is
 * derived from, what each original became, and what pass 1 learned about the
 * installation. Plain JSON; it stays on the user's machine (mode 0600) and
 * never goes into a bundle. Originals are stored as Latin-1 code points, one per
 * byte of the file they came from, so non-UTF-8 values stay exact.
 */
export interface MapSnapshot {
  version: typeof MAP_FORMAT_VERSION;
  /** 32 random bytes, base64. */
  key: string;
  entries: MapEntries;
  vocabulary: Vocabulary;
}

const table = z.record(z.string(), z.string());
const words = z.array(z.string());

const mapSchema = z.object({
  key: z.string().refine((key) => Buffer.from(key, 'base64').length === 32, 'the key must be 32 bytes in base64'),
  entries: z.object({
    email: table,
    domain: table,
    host: table,
    user: table,
    device: table,
    keyword: table,
    custom: table,
    ipv4: table,
    ipv6: table,
    mac: table,
  }),
  vocabulary: z.object({ domains: words, hosts: words, users: words, devices: words }),
});

/** A fresh map with a new random key. */
export function newMapSnapshot(): MapSnapshot {
  return {
    version: MAP_FORMAT_VERSION,
    key: randomBytes(32).toString('base64'),
    entries: emptyEntries(),
    vocabulary: emptyVocabulary(),
  };
}

/** Reads the map; a missing file gives a fresh map, a damaged one an error (the file is left as it is). */
export async function loadMap(file: string): Promise<MapSnapshot> {
  const read = await readJsonDocument(file, {
    currentVersion: MAP_FORMAT_VERSION,
    schema: mapSchema,
    label: 'pseudonym map',
  });
  switch (read.status) {
    case 'missing':
      return newMapSnapshot();
    case 'corrupt':
      throw new CasekitError(
        'INVALID_INPUT',
        `${read.message} Casekit left it untouched. Restore it from a backup, or pass another --map file to start a new map (pseudonyms will then differ from earlier runs).`,
      );
    case 'newer':
      throw new CasekitError(
        'INVALID_INPUT',
        `The pseudonym map ${file} was written by a newer Casekit (format ${read.version}). Update Casekit, or pass another --map file.`,
      );
    case 'ok':
      return { version: MAP_FORMAT_VERSION, ...read.data };
  }
}

/** Writes the map atomically (temp file, fsync, rename), readable by the owner only. */
export async function saveMap(file: string, map: MapSnapshot): Promise<void> {
  const { version, ...data } = map;
  await writeJsonDocument(file, version, data);
}
