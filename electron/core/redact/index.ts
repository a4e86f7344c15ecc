// The redact capability (issue 5), as the CLI and the app use it: one call
// runs a whole redaction of a file or folder (see README.md).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';
import { errorMessage } from '../common/error-text';
import {
  loadMap,
  mergeCounts,
  mergeOutcomes,
  parseRulesFile,
  Redactor,
  saveMap,
  type ExtraRule,
  type MapSnapshot,
  type RedactConfig,
} from './engine';
import { workerRunner } from './tree/pass-runner';
import { redactTexts } from './tree/redact-text';
import { runRedaction, type RedactProgress } from './tree/redact-tree';
import type { RedactReport } from './tree/report';
import { redactWorkerScript } from './tree/worker-script';

export type { RedactProgress } from './tree/redact-tree';
export type { RedactReport } from './tree/report';
export type { LeftOut } from './tree/task-types';
export type { BinaryFinding, LeakFinding, RedactConfig, ReportCounts } from './engine';
export { RULES_FILE_HELP } from './engine';

export interface RedactTreeRequest {
  /** A file or a folder. */
  input: string;
  /** The output folder; created when missing. It mirrors IN's relative paths. */
  output: string;
  /** The private pseudonym map: read if it exists, extended, written back; never inside `output`. */
  mapFile: string;
  reportFile?: string;
  keywords?: string[];
  rulesFile?: string;
  includeBinary?: boolean;
  /** Worker threads; default: one per core, at most 8. */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RedactProgress) => void;
}

export const MAX_DEFAULT_WORKERS = 8;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(os.availableParallelism(), MAX_DEFAULT_WORKERS));
}

/** Where the map goes when none is named: Casekit's data folder, never near an output that may be shipped. */
export function defaultMapFile(dataDir: string): string {
  return path.join(dataDir, 'redaction-maps', 'default.json');
}

/** Reads and parses `--rules FILE`; a missing or malformed file is an input error. */
export async function readRulesFile(file: string): Promise<ExtraRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CasekitError('INVALID_INPUT', `Cannot read the rules file ${file}: ${errorMessage(error)}.`);
  }
  return parseRulesFile(text, file);
}

/** Redacts `input` into `output` with worker threads (the orchestration is described in README.md). */
export async function redactTree(request: RedactTreeRequest): Promise<RedactReport> {
  const config: RedactConfig = {
    keywords: request.keywords ?? [],
    extraRules: request.rulesFile === undefined ? [] : await readRulesFile(request.rulesFile),
  };
  const workers = request.workers ?? defaultWorkers();
  return runRedaction<MapSnapshot>(
    {
      input: request.input,
      output: request.output,
      mapFile: request.mapFile,
      reportFile: request.reportFile,
      config,
      includeBinary: request.includeBinary ?? false,
      signal: request.signal,
      onProgress: request.onProgress,
    },
    {
      loadMap,
      saveMap,
      mergeOutcomes,
      mergeCounts,
      redactNames: (map, names, texts) => redactTexts(new Redactor(map, names), texts),
    },
    () => workerRunner<MapSnapshot>(redactWorkerScript(), workers),
  );
}
