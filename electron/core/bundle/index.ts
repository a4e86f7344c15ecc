// Pack and verify (issue: pack and ship): a redacted folder becomes a bundle
// folder of parts under a portal's size limit, with checksums support can
// check with sha256sum; see README.md.
import os from 'node:os';
import type { MapSnapshot } from '../redact/engine';
import { workerRunner } from '../redact/tree/pass-runner';
import { redactWorkerScript } from '../redact/tree/worker-script';
import { packWith } from './pack-bundle';
import type { PackOptions, PackResult } from './pack-types';

export type { PackOptions, PackProgress, PackResult, PackedPart } from './pack-types';
export type { Manifest, ManifestFile, ManifestHost } from './manifest';
export type { RedactionSummary } from './redaction-summary';
export type { VerifyOptions, VerifyProblem, VerifyProgress, VerifyResult } from './verify-bundle';
export { verifyBundle } from './verify-bundle';
export {
  bundleFileName,
  BUNDLE_FORMATS,
  DEFAULT_PART_SIZE,
  MIN_PART_SIZE,
  isCaseNumber,
  type BundleFormat,
} from './bundle-names';
export { walkSource, type SourceFile, type SourceKind, type SourceTree } from './source-files';

/** Compression keeps one core busy; the leak check gets the others (at most 8, at least 1). */
export function defaultLeakWorkers(): number {
  return Math.max(1, Math.min(os.availableParallelism() - 1, 8));
}

/** Packs `options.sourceDir` into `options.outDir`, the leak check on the redact worker's threads. */
export function packBundle(options: PackOptions): Promise<PackResult> {
  return packWith(options, () =>
    workerRunner<MapSnapshot>(redactWorkerScript(), options.workers ?? defaultLeakWorkers()),
  );
}
