import { readFile, writeFile } from 'node:fs/promises';
import type { RedactOutcome, ReportCounts } from '../../engine/types';
import type { MapEngine } from '../../tree/engine-port';
import { redactTexts } from '../../tree/redact-text';
import { MarkerRedactor } from './marker-engine';

/** The marker engine's "map": how many runs saved it. Enough to see that it is loaded, merged and saved. */
export interface MarkerMap {
  runs: number;
  merged: number;
}

export const markerMaps: MapEngine<MarkerMap> = {
  loadMap: async (file) => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as MarkerMap;
    } catch {
      return { runs: 0, merged: 0 };
    }
  },
  saveMap: async (file, map) => {
    await writeFile(file, JSON.stringify({ ...map, runs: map.runs + 1 }), { mode: 0o600 });
  },
  mergeOutcomes: (map, outcomes) => ({ ...map, merged: map.merged + outcomes.length }),
  redactNames: (_map, _config, texts) => redactTexts(new MarkerRedactor(), texts),
  mergeCounts: (outcomes: RedactOutcome[]): ReportCounts => {
    const files: ReportCounts['files'] = {};
    const rules: ReportCounts['rules'] = {};
    let total = 0;
    for (const outcome of outcomes) {
      for (const [file, perRule] of Object.entries(outcome.counts)) {
        for (const [rule, count] of Object.entries(perRule)) {
          const perFile = (files[file] ??= {});
          perFile[rule] = (perFile[rule] ?? 0) + count;
          rules[rule] = (rules[rule] ?? 0) + count;
          total += count;
        }
      }
    }
    return { files, rules, total };
  },
};
