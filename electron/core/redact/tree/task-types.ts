import type { RedactConfig } from '../engine/types';

/** A file or member left out of the output, and why (never its content). */
export interface LeftOut {
  path: string;
  reason: string;
}

/** One top-level file of IN. Paths use `/` whatever the platform. */
export interface FileJob {
  /** Path relative to IN, as mirrored under --out. */
  rel: string;
  abs: string;
  size: number;
}

export type Phase = 'learn' | 'redact' | 'check';

/** Sent once per pass to every worker: plain data, cloned across threads. */
export interface PhaseSetup<M> {
  phase: Phase;
  map: M;
  config: RedactConfig;
  includeBinary: boolean;
  /** Private folder for spooled members. */
  spoolDir: string;
}

export type FileTask =
  | { phase: 'learn'; job: FileJob }
  | {
      phase: 'redact';
      job: FileJob;
      /** `job.rel` with names redacted: the output's path under OUT, and its name in counts and reports. */
      shown: string;
      /** Where the output goes until it passed the leak check. */
      part: string;
      /** Members of this file the learning pass left out, by input path. */
      leftOut: LeftOut[];
    }
  | { phase: 'check'; job: FileJob; shown: string; part: string };

export type FileResult =
  | { phase: 'learn'; rel: string; whole: string | null; leftOut: LeftOut[] }
  /** `leftOut` paths are shown paths (names redacted). */
  | { phase: 'redact'; rel: string; bytesOut: number; leftOut: LeftOut[] }
  | { phase: 'check'; rel: string };
