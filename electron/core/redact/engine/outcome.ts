import { CasekitError } from '../../../shared/error-codes';
import type { MapSnapshot } from './map-snapshot';
import { PSEUDONYM_KINDS, type RedactOutcome, type ReportCounts } from './types';
import { mergeVocabulary } from './vocabulary';

/**
 * The map with everything the outcomes learned and handed out. Pseudonyms
 * depend only on the key and the original, so workers agree; what is checked
 * here is the practically impossible case of two originals sharing one
 * pseudonym (a 50-bit tag collision), which would make them indistinguishable.
 */
export function mergeOutcomes(map: MapSnapshot, outcomes: RedactOutcome[]): MapSnapshot {
  const entries = { ...map.entries };
  for (const kind of PSEUDONYM_KINDS) {
    const table = new Map(Object.entries(map.entries[kind]));
    const owners = new Map<string, string>();
    for (const [original, pseudo] of table) owners.set(pseudo, original);
    for (const outcome of outcomes) {
      for (const [original, pseudo] of Object.entries(outcome.newEntries[kind])) {
        const had = table.get(original);
        if (had === pseudo) continue;
        const owner = owners.get(pseudo);
        if (had !== undefined || (owner !== undefined && owner !== original)) {
          throw new CasekitError(
            'INTERNAL',
            `Two different ${kind} values were given the same pseudonym, or one value two pseudonyms. ` +
              'Nothing was written. Run the redaction again with a new --map file.',
          );
        }
        table.set(original, pseudo);
        owners.set(pseudo, original);
      }
    }
    entries[kind] = Object.fromEntries(table);
  }
  let vocabulary = map.vocabulary;
  for (const outcome of outcomes) vocabulary = mergeVocabulary(vocabulary, outcome.vocabulary);
  return { version: map.version, key: map.key, entries, vocabulary };
}

/** Counts per file and per rule over all outcomes, for the report. */
export function mergeCounts(outcomes: RedactOutcome[]): ReportCounts {
  const files = new Map<string, Map<string, number>>();
  const rules = new Map<string, number>();
  let total = 0;
  for (const outcome of outcomes) {
    for (const [file, counts] of Object.entries(outcome.counts)) {
      let perFile = files.get(file);
      if (perFile === undefined) {
        perFile = new Map();
        files.set(file, perFile);
      }
      for (const [rule, count] of Object.entries(counts)) {
        perFile.set(rule, (perFile.get(rule) ?? 0) + count);
        rules.set(rule, (rules.get(rule) ?? 0) + count);
        total += count;
      }
    }
  }
  return {
    files: Object.fromEntries([...files].map(([file, counts]) => [file, Object.fromEntries(counts)])),
    rules: Object.fromEntries(rules),
    total,
  };
}
