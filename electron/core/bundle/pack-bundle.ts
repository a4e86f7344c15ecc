import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CasekitError } from '../../shared/error-codes';
import { errorMessage } from '../common/error-text';
import type { MapSnapshot } from '../redact/engine';
import type { PassRunner } from '../redact/tree/pass-runner';
import { appendBuffer, appendFile, appendLink, createArchive } from './archive-stream';
import { bundleFileName, CASE_SUMMARY_FILE, MANIFEST_FILE, REPORT_FILE } from './bundle-names';
import { defaultCaseSummary } from './case-summary';
import { nameParts, writeFolderFiles } from './folder-files';
import { checkFiles, checkTexts, findingsThatCount, leakError, loadLeakMap } from './leak-gate';
import { hostItems, type Manifest, type ManifestFile } from './manifest';
import { prepareOutDir, type OutDir } from './out-dir';
import { validatePackOptions } from './pack-options';
import { refusePackPaths } from './pack-paths';
import type { PackOptions, PackResult } from './pack-types';
import { PartWriter } from './part-writer';
import { readRedactionSummary, type RedactionSummary } from './redaction-summary';
import { scanSource, type SourceFile, type SourceTree } from './source-files';

/** Room the archive needs beyond the files' bytes: headers per entry, and deflate's worst case on incompressible data. */
const upperBound = (files: readonly SourceFile[]): number =>
  files.reduce((sum, file) => sum + file.size + Math.ceil(file.size / 1000) + 2048, 0) + 1024 * 1024;

/** The redaction report: named by the caller, or found at the top of the folder. */
async function reportFile(options: PackOptions, tree: SourceTree): Promise<SourceFile | null> {
  if (options.redactionReport === undefined) return tree.files.find((file) => file.rel === REPORT_FILE) ?? null;
  const stats = await fs.stat(options.redactionReport).catch(() => null);
  if (!stats?.isFile()) {
    throw new CasekitError('INVALID_INPUT', `The redaction report ${options.redactionReport} is not a readable file.`);
  }
  return {
    rel: REPORT_FILE,
    abs: path.resolve(options.redactionReport),
    size: stats.size,
    stats,
    kind: 'text',
    reason: null,
    consented: false,
  };
}

/** A file the bundle writes at its root would overwrite the folder's own. */
function refuseClashes(options: PackOptions, tree: SourceTree): void {
  const clash = tree.files.find(
    (file) =>
      file.rel === MANIFEST_FILE ||
      (file.rel === CASE_SUMMARY_FILE && options.caseSummary !== undefined) ||
      (file.rel === REPORT_FILE && options.redactionReport !== undefined),
  );
  if (clash !== undefined) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${options.sourceDir} already holds ${clash.rel} at its top, which the bundle writes itself. Move it into a host folder or remove it.`,
    );
  }
}

function toCasekitError(error: unknown, options: PackOptions): CasekitError {
  if (error instanceof CasekitError) return error;
  if (options.signal?.aborted === true) {
    return new CasekitError('CANCELLED', `Packing was cancelled; nothing was left in ${options.outDir}.`);
  }
  return new CasekitError(
    'IO_ERROR',
    `Packing failed (${errorMessage(error)}); nothing was left in ${options.outDir}. Pack again.`,
    { cause: error },
  );
}

/**
 * Packs a redacted folder into a split bundle in one pass (see README.md):
 * the leak check runs on `makeRunner`'s threads while the archive streams
 * through gzip into parts; a finding, a missing consent, an error or a
 * cancellation leaves nothing in OUTDIR.
 */
export async function packWith(options: PackOptions, makeRunner: () => PassRunner<MapSnapshot>): Promise<PackResult> {
  validatePackOptions(options);
  const now = options.now ?? new Date();
  const tree = await scanSource(options.sourceDir, options.consentedBinaries);
  await refusePackPaths(options.sourceDir, options.outDir, options.mapFile);
  refuseClashes(options, tree);
  const report = await reportFile(options, tree);
  const redaction: RedactionSummary | null =
    report === null ? null : await readRedactionSummary(report.abs, REPORT_FILE);
  const map = await loadLeakMap(options.mapFile);
  const bundle = bundleFileName(options.caseNumber, now, options.format);
  const summary =
    options.caseSummary ??
    (tree.files.some((file) => file.rel === CASE_SUMMARY_FILE)
      ? null
      : defaultCaseSummary({
          caseNumber: options.caseNumber,
          bundle,
          created: now,
          appVersion: options.appVersion,
          tree,
          redaction,
        }));
  // What the bundle adds is checked before a byte is written: a summary naming the customer stops here.
  const early = await checkTexts(map, [
    ...(summary === null ? [] : [{ name: CASE_SUMMARY_FILE, text: summary }]),
    { name: '(links)', text: tree.links.map((link) => `${link.rel} -> ${link.target}`).join('\n') },
  ]);
  if (early.length > 0) throw leakError(early, options.outDir);

  const files = report !== null && options.redactionReport !== undefined ? [report, ...tree.files] : tree.files;
  const out = await prepareOutDir(options.outDir, upperBound(files));
  try {
    return await packInto(out, options, { now, tree, files, map, bundle, summary, redaction }, makeRunner);
  } catch (error) {
    await out.discard();
    throw toCasekitError(error, options);
  }
}

interface PackPlan {
  now: Date;
  tree: SourceTree;
  /** In archive order: the named report first, then the folder's files. */
  files: SourceFile[];
  map: MapSnapshot;
  bundle: string;
  summary: string | null;
  redaction: RedactionSummary | null;
}

async function packInto(
  out: OutDir,
  options: PackOptions,
  plan: PackPlan,
  makeRunner: () => PassRunner<MapSnapshot>,
): Promise<PackResult> {
  const { files, map, bundle, now } = plan;
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, options.signal]);
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    stop.abort(error);
  };
  const checked = files.filter((file) => file.kind !== 'binary');
  const progress = {
    bytesDone: 0,
    bytesTotal: files.reduce((sum, file) => sum + file.size, 0),
    filesDone: 0,
    filesTotal: files.length,
    current: null as string | null,
    checkedBytes: 0,
  };
  const report = () => options.onProgress?.({ ...progress });
  const archive = createArchive(options.format);
  const writer = new PartWriter(out.staging, options.partSize, (index) => `part-${index}`);
  const spoolDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-pack-spool-'));
  let runner: PassRunner<MapSnapshot> | null = null;
  try {
    runner = makeRunner();
    const written = pipeline(archive, writer, { signal });
    written.catch(fail);
    const leakCheck = checkFiles(
      runner,
      map,
      checked.map((file) => ({ rel: file.rel, abs: file.abs, size: file.size })),
      spoolDir,
      (bytes) => {
        progress.checkedBytes += bytes;
        report();
      },
      signal,
    ).then((all) => {
      const findings = findingsThatCount(all, plan.redaction === null ? [] : [REPORT_FILE]);
      // found while packing goes on: stop at once rather than at the end
      if (findings.length > 0) fail(leakError(findings, options.outDir));
      return findings;
    });
    leakCheck.catch(fail);

    report();
    if (plan.summary !== null) await appendBuffer(archive, CASE_SUMMARY_FILE, Buffer.from(plan.summary, 'utf8'), now);
    const entries: ManifestFile[] = [];
    for (const file of files) {
      signal.throwIfAborted();
      progress.current = file.rel;
      const sha256 = await appendFile(
        archive,
        file.rel,
        file,
        (bytes) => {
          progress.bytesDone += bytes;
          report();
        },
        signal,
      );
      entries.push({ path: file.rel, size: file.size, sha256, kind: file.kind, consented: file.consented });
      progress.filesDone++;
    }
    for (const link of plan.tree.links) await appendLink(archive, link.rel, link.target);
    progress.current = null;
    report();

    const findings = await leakCheck;
    if (findings.length > 0) throw leakError(findings, options.outDir);
    const manifest = buildManifest(options, plan, entries);
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const late = findingsThatCount(await checkTexts(map, [{ name: MANIFEST_FILE, text: manifestText }]), [
      MANIFEST_FILE,
    ]);
    if (late.length > 0) throw leakError(late, options.outDir);
    // Last, because it holds every file's SHA-256, known only once the file went through.
    await appendBuffer(archive, MANIFEST_FILE, Buffer.from(manifestText, 'utf8'), now);
    await archive.finalize();
    await written;

    const parts = await nameParts(out.staging, bundle, writer.parts);
    const texts = await writeFolderFiles(out.staging, {
      caseNumber: options.caseNumber,
      bundle,
      format: options.format,
      bundleSize: writer.bytes,
      bundleSha256: writer.sha256,
      parts,
      partSize: options.partSize,
      appVersion: options.appVersion,
      created: now,
    });
    await out.commit([...parts.map((part) => part.name), ...texts]);
    return {
      bundleName: bundle,
      format: options.format,
      outDir: options.outDir,
      parts,
      bundleSize: writer.bytes,
      bundleSha256: writer.sha256,
      files: files.length,
      manifest,
    };
  } catch (error) {
    archive.abort();
    writer.destroy();
    throw failure ?? error;
  } finally {
    await runner?.close();
    await fs.rm(spoolDir, { recursive: true, force: true });
  }
}

function buildManifest(options: PackOptions, plan: PackPlan, entries: ManifestFile[]): Manifest {
  const hosts = [
    ...new Set(entries.flatMap((entry) => (entry.path.includes('/') ? [entry.path.split('/')[0] ?? ''] : []))),
  ].sort();
  const checked = entries.filter((entry) => entry.kind !== 'binary');
  return {
    manifestVersion: 1,
    caseNumber: options.caseNumber,
    bundle: plan.bundle,
    format: options.format,
    created: plan.now.toISOString(),
    appVersion: options.appVersion,
    hosts,
    items: hostItems(hosts, entries),
    totals: { files: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.size, 0) },
    files: entries,
    links: plan.tree.links,
    leftOut: plan.tree.leftOut,
    generated: [...(plan.summary === null ? [] : [CASE_SUMMARY_FILE]), MANIFEST_FILE],
    redaction: plan.redaction,
    leakCheck: {
      clean: true,
      files: checked.length,
      bytes: checked.reduce((sum, entry) => sum + entry.size, 0),
      consentedBinaries: entries.filter((entry) => entry.consented).map((entry) => entry.path),
    },
  };
}
