import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CasekitError } from '../../shared/error-codes';
import { errnoCode, errorMessage } from '../common/error-text';
import { LeakChecker, loadMap, type LeakFinding, type MapSnapshot, type RedactConfig } from '../redact/engine';
import type { PassRunner } from '../redact/tree/pass-runner';
import type { FileJob } from '../redact/tree/task-types';

/** The leak check knows the keywords of a run from the map's entries; no extra configuration. */
export const LEAK_CONFIG: RedactConfig = { keywords: [], extraRules: [] };

/** At most this many findings are named in the error message; the count says how many there were. */
const NAMED_AT_MOST = 20;

/**
 * The map whose originals the leak check looks for. A missing map is refused:
 * without it only secrets could be found, not the customer's names and addresses.
 */
export async function loadLeakMap(mapFile: string): Promise<MapSnapshot> {
  try {
    await fs.access(mapFile);
  } catch (error) {
    throw new CasekitError(
      'INVALID_INPUT',
      errnoCode(error) === 'ENOENT'
        ? `The pseudonym map ${mapFile} does not exist. Packing checks the folder against the map its redaction used: name it (--map FILE), or redact the folder first.`
        : `Cannot read the pseudonym map ${mapFile}: ${errorMessage(error)}.`,
    );
  }
  return loadMap(mapFile);
}

/**
 * Leak-checks files on the runner's threads (the redact worker's check pass:
 * text, compressed files and archive members, and every name), keeping
 * `runner.capacity` files in flight. Resolves with every finding.
 */
export async function checkFiles(
  runner: PassRunner<MapSnapshot>,
  map: MapSnapshot,
  jobs: readonly FileJob[],
  spoolDir: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Promise<LeakFinding[]> {
  await runner.start({ phase: 'check', map, config: LEAK_CONFIG, includeBinary: false, spoolDir });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      signal.throwIfAborted();
      const job = jobs[next++] as FileJob;
      try {
        await runner.run({ phase: 'check', job, shown: job.rel, part: job.abs }, onBytes);
      } catch (error) {
        if (signal.aborted) throw error;
        throw new CasekitError(
          'LEAK_CHECK_FAILED',
          `The leak check could not read ${job.rel} (${errorMessage(error)}), so it cannot be shipped. Redact it again or remove it from the folder.`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, runner.capacity) }, lane));
  const results = await runner.finish();
  return results.flatMap((result) => ('findings' in result ? result.findings : []));
}

/** Leak-checks texts made for the bundle (the case summary, the manifest, link targets) on this thread. */
export async function checkTexts(
  map: MapSnapshot,
  texts: readonly { name: string; text: string }[],
): Promise<LeakFinding[]> {
  const checker = new LeakChecker(map, LEAK_CONFIG);
  for (const { name, text } of texts) {
    await pipeline(Readable.from([Buffer.from(text, 'utf8')]), checker.scan(name));
  }
  return checker.findings();
}

/**
 * Findings that count. Casekit's own JSON (MANIFEST.json, the redaction
 * report) has rule names for keys and counts for values: `"password": 2` is
 * a count, not a password. There only the map's originals (`original-*`:
 * a customer's name in a path) count.
 */
export function findingsThatCount(findings: readonly LeakFinding[], ownJson: readonly string[]): LeakFinding[] {
  return findings.filter(
    (finding) => finding.rule.startsWith('original-') || !ownJson.includes(finding.file.split('!/')[0] ?? finding.file),
  );
}

/** LEAK_CHECK_FAILED naming file, line and rule of each finding (never the value). */
export function leakError(findings: readonly LeakFinding[], outDir: string): CasekitError {
  const files = new Set(findings.map((finding) => finding.file.split('!/')[0]));
  const named = findings
    .slice(0, NAMED_AT_MOST)
    .map((finding) => `${finding.file} line ${finding.line} (${finding.rule})`)
    .join(', ');
  const more = findings.length > NAMED_AT_MOST ? ` and ${findings.length - NAMED_AT_MOST} more` : '';
  return new CasekitError(
    'LEAK_CHECK_FAILED',
    `The leak check found ${findings.length} thing(s) that look unredacted in ${files.size} file(s): ${named}${more}. Nothing was written to ${outDir}. Redact the folder again (add --keyword or --rules for what was missed) and pack again.`,
  );
}
