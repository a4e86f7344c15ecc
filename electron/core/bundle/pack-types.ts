import type { BundleFormat } from './bundle-names';
import type { Manifest } from './manifest';

export interface PackProgress {
  /** Bytes of the source read into the archive so far. */
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** The file being packed, null between files and at the end. */
  current: string | null;
  /** Bytes the leak check has read so far (it runs beside the packing, on worker threads). */
  checkedBytes: number;
}

export interface PackOptions {
  /** The redacted folder: one top-level folder per host. */
  sourceDir: string;
  /** Must be empty or missing. */
  outDir: string;
  /** Exactly 8 digits. */
  caseNumber: string;
  format: BundleFormat;
  /** Largest part in bytes (DEFAULT_PART_SIZE: 9.5 MiB, for a 10 MB portal). */
  partSize: number;
  appVersion: string;
  /** The redaction's pseudonym map: the leak check looks for every original in it. */
  mapFile: string;
  /** Paths relative to sourceDir of binary files the user consented to ship unredacted. */
  consentedBinaries: readonly string[];
  /** Markdown for CASE-SUMMARY.md; a factual one is written when absent. */
  caseSummary?: string;
  /** A `casekit redact --report` file outside the folder, shipped as redaction-report.json. */
  redactionReport?: string;
  /** Leak-check threads; default: one less than the cores (compression has the other), 1 to 8. */
  workers?: number;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (progress: PackProgress) => void;
}

export interface PackedPart {
  name: string;
  size: number;
  sha256: string;
}

export interface PackResult {
  bundleName: string;
  format: BundleFormat;
  outDir: string;
  /** The bundle's parts in order; one entry named like the bundle when it fits in one part. */
  parts: PackedPart[];
  bundleSize: number;
  bundleSha256: string;
  /** Files of the source in the bundle. */
  files: number;
  manifest: Manifest;
}
