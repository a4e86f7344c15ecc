import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { mapLimit } from '../../common/map-limit';
import { CasekitError } from '../../../shared/error-codes';
import type { LeakFinding, RedactConfig, RedactOutcome } from '../engine/types';
import type { MapEngine } from './engine-port';
import type { PhaseResult } from './file-task';
import { discardOutput, outputPaths, promoteParts, recreateLinks } from './finish-output';
import { walkInput } from './input-walk';
import type { PassRunner } from './pass-runner';
import { checkRunPaths } from './path-guards';
import { countsOfWritten, topLevelOf, type RedactReport } from './report';
import type { FileJob, FileResult, LeftOut, Phase } from './task-types';

export interface RedactProgress {
  phase: Phase;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** The file last finished. */
  current: string | null;
}

export interface RedactTreeOptions {
  input: string;
  output: string;
  mapFile: string;
  reportFile?: string;
  config: RedactConfig;
  includeBinary: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: RedactProgress) => void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One redaction run over IN (see redact-api.md): load the map, learn from
 * every file, redact every file into `.part` files, save the map, leak-check
 * every written file with the final map, and only then rename the clean
 * parts into place. Files that fail or leak leave nothing behind in the output.
 */
export async function runRedaction<M>(
  options: RedactTreeOptions,
  maps: MapEngine<M>,
  makeRunner: () => PassRunner<M>,
): Promise<RedactReport> {
  const startedAt = new Date().toISOString();
  const { signal } = options;
  const paths = await checkRunPaths(options);
  const tree = await walkInput(paths.input);
  let map: M = await maps.loadMap(paths.mapFile);
  if (signal?.aborted) throw cancelled();
  await fs.mkdir(paths.output, { recursive: true });
  const spoolDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-redact-'));
  let runner: PassRunner<M>;
  try {
    runner = makeRunner();
  } catch (error) {
    await fs.rm(spoolDir, { recursive: true, force: true });
    throw error;
  }
  const failed: LeftOut[] = [];
  const leftOut: LeftOut[] = [...tree.leftOut];
  const parts = new Set<string>();
  const stop = () => void runner.close();
  signal?.addEventListener('abort', stop, { once: true });

  const pass = async (phase: Phase, jobs: FileJob[], task: (job: FileJob) => Parameters<PassRunner<M>['run']>[0]) => {
    await runner.start({ phase, map, config: options.config, includeBinary: options.includeBinary, spoolDir });
    const total = { files: jobs.length, bytes: jobs.reduce((sum, job) => sum + job.size, 0) };
    const done = { files: 0, bytes: 0 };
    const report = (current: string | null) =>
      options.onProgress?.({
        phase,
        filesDone: done.files,
        filesTotal: total.files,
        bytesDone: done.bytes,
        bytesTotal: total.bytes,
        current,
      });
    report(null);
    // largest first, so one big file does not start last and keep a core idle at the end
    const ordered = [...jobs].sort((a, b) => b.size - a.size);
    const results = await mapLimit(ordered, runner.capacity, async (job): Promise<FileResult | null> => {
      if (signal?.aborted) return null;
      try {
        return await runner.run(task(job), (bytes) => {
          done.bytes += bytes;
          report(null);
        });
      } catch (error) {
        if (!signal?.aborted) failed.push({ path: job.rel, reason: messageOf(error) });
        return null;
      } finally {
        done.files += 1;
        report(job.rel);
      }
    });
    if (signal?.aborted) throw cancelled();
    const finished: PhaseResult[] = await runner.finish();
    return { results: results.filter((result): result is FileResult => result !== null), finished };
  };

  try {
    const learned = await pass('learn', tree.jobs, (job) => ({ phase: 'learn', job }));
    map = maps.mergeOutcomes(map, outcomesOf(learned.finished));
    const memberLeftOut = new Map<string, LeftOut[]>();
    for (const result of learned.results) {
      if (result.phase !== 'learn') continue;
      if (result.whole !== null) leftOut.push({ path: result.rel, reason: result.whole });
      else memberLeftOut.set(result.rel, result.leftOut);
    }

    // Names carry what contents carry (zmdiaglog names its archive after the host): the
    // output's paths are the input's with names redacted, by the map learned so far.
    const named = await maps.redactNames(map, options.config, [
      ...tree.jobs.map((job) => job.rel),
      ...tree.links.flatMap((link) => [link.rel, link.target]),
    ]);
    map = maps.mergeOutcomes(map, [named.outcome]);
    const shownOf = new Map(tree.jobs.map((job, i) => [job.rel, named.texts[i] ?? job.rel]));
    const links = tree.links.map((link, i) => ({
      rel: named.texts[tree.jobs.length + 2 * i] ?? link.rel,
      target: named.texts[tree.jobs.length + 2 * i + 1] ?? link.target,
    }));
    const toRedact: FileJob[] = [];
    const taken = new Map<string, string>();
    for (const job of tree.jobs) {
      if (!memberLeftOut.has(job.rel)) continue;
      const shown = shownOf.get(job.rel) ?? job.rel;
      const other = taken.get(shown.toLowerCase());
      if (other !== undefined) {
        failed.push({ path: job.rel, reason: `its redacted name is the same as that of ${other}` });
        continue;
      }
      taken.set(shown.toLowerCase(), job.rel);
      toRedact.push(job);
    }

    const redacted = await pass('redact', toRedact, (job) => {
      const shown = shownOf.get(job.rel) ?? job.rel;
      parts.add(shown);
      const { part } = outputPaths(paths.output, shown);
      return { phase: 'redact', job, shown, part, leftOut: memberLeftOut.get(job.rel) ?? [] };
    });
    const outcomes = outcomesOf(redacted.finished);
    map = maps.mergeOutcomes(map, outcomes);
    await maps.saveMap(paths.mapFile, map);
    const written = new Map<string, number>();
    const shownLeftOut: LeftOut[] = [];
    for (const result of redacted.results) {
      if (result.phase !== 'redact') continue;
      written.set(result.rel, result.bytesOut);
      shownLeftOut.push(...result.leftOut);
    }

    const toCheck = toRedact
      .filter((job) => written.has(job.rel))
      .map((job) => ({ ...job, size: written.get(job.rel) ?? 0 }));
    const checked = await pass('check', toCheck, (job) => {
      const shown = shownOf.get(job.rel) ?? job.rel;
      return { phase: 'check', job, shown, part: outputPaths(paths.output, shown).part };
    });
    const findings: LeakFinding[] = checked.finished.flatMap((result) => ('findings' in result ? result.findings : []));
    const leaking = new Set(findings.map((finding) => topLevelOf(finding.file)));
    const clean = checked.results
      .map((result) => ({ rel: result.rel, shown: shownOf.get(result.rel) ?? result.rel }))
      .filter(({ shown }) => !leaking.has(shown));
    const checkedClean = new Set(clean.map(({ shown }) => shown));

    for (const shown of parts) if (!checkedClean.has(shown)) await discardOutput(paths.output, shown);
    await promoteParts(paths.output, [...checkedClean]);
    parts.clear();
    await recreateLinks(paths.output, links);

    // what the report says about the input goes through the names redaction too
    const unshown = [...leftOut, ...failed];
    const wording = await maps.redactNames(map, options.config, [
      ...unshown.map((entry) => entry.path),
      ...[...unshown, ...shownLeftOut].map((entry) => entry.reason),
    ]);
    map = maps.mergeOutcomes(map, [wording.outcome]);
    await maps.saveMap(paths.mapFile, map);
    const say = (i: number, fallback: string) => wording.texts[i] ?? fallback;
    const reasonAt = unshown.length;
    const reported = (list: LeftOut[], offset: number): LeftOut[] =>
      list.map((entry, i) => ({
        path: shownOf.get(entry.path) ?? say(offset + i, entry.path),
        reason: say(reasonAt + offset + i, entry.reason),
      }));
    const reportedLeftOut = [
      ...reported(leftOut, 0),
      ...shownLeftOut.map((entry, i) => ({ path: entry.path, reason: say(2 * reasonAt + i, entry.reason) })),
    ];
    const reportedFailed = reported(failed, leftOut.length);

    const counts = countsOfWritten(maps.mergeCounts([...outcomes, named.outcome]), checkedClean);
    const report: RedactReport = {
      version: 1,
      status: findings.length > 0 ? 'leak' : failed.length > 0 ? 'partial' : 'done',
      input: paths.input,
      output: paths.output,
      map: paths.mapFile,
      startedAt,
      finishedAt: new Date().toISOString(),
      totals: {
        files: tree.jobs.length,
        written: checkedClean.size,
        leftOut: reportedLeftOut.length,
        failed: reportedFailed.length,
        bytesIn: tree.jobs.reduce((sum, job) => sum + job.size, 0),
        bytesOut: clean.reduce((sum, { rel }) => sum + (written.get(rel) ?? 0), 0),
        replacements: counts.total,
      },
      counts,
      leftOut: sortByPath(reportedLeftOut),
      failed: sortByPath(reportedFailed),
      binaryFindings: outcomes
        .flatMap((outcome) => outcome.binaryFindings)
        .filter((finding) => checkedClean.has(topLevelOf(finding.file))),
      leakCheck: { clean: findings.length === 0, findings },
    };
    if (paths.reportFile !== null) {
      await fs.mkdir(path.dirname(paths.reportFile), { recursive: true });
      await writeFileAtomic(paths.reportFile, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 });
    }
    return report;
  } finally {
    signal?.removeEventListener('abort', stop);
    // cancelled or failed midway: no part stays behind, and earlier outputs are not touched
    for (const shown of parts)
      await fs.rm(outputPaths(paths.output, shown).part, { force: true }).catch(() => undefined);
    await runner.close();
    await fs.rm(spoolDir, { recursive: true, force: true });
  }
}

const cancelled = () => new CasekitError('CANCELLED', 'The redaction was cancelled; no output file was written.');

function outcomesOf(results: PhaseResult[]): RedactOutcome[] {
  return results.flatMap((result) => ('outcome' in result ? [result.outcome] : []));
}

const sortByPath = (list: LeftOut[]): LeftOut[] =>
  [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
