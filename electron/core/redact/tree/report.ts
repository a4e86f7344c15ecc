import type { BinaryFinding, LeakFinding, ReportCounts } from '../engine/types';
import { NAMES_FILE } from './redact-text';
import type { LeftOut } from './task-types';

/** The JSON report of a run (`--report FILE`, `--json`): counts, places and reasons; never an original value. */
export interface RedactReport {
  version: 1;
  /** `done`; `leak`: the leak check found something (those files were not written); `partial`: some files failed. */
  status: 'done' | 'leak' | 'partial';
  input: string;
  output: string;
  map: string;
  startedAt: string;
  finishedAt: string;
  totals: {
    files: number;
    written: number;
    leftOut: number;
    failed: number;
    bytesIn: number;
    bytesOut: number;
    replacements: number;
  };
  /** Replacements per written file (members as `archive!/member`) and rule. */
  counts: ReportCounts;
  /** Files and members left out on purpose (binary, refused, damaged, links leaving IN), with the reason. */
  leftOut: LeftOut[];
  /** Files that could not be done (read or write errors), with the reason; nothing of them was written. */
  failed: LeftOut[];
  /** Secrets and personal data found in binaries included as they are (`--include-binary`). */
  binaryFindings: BinaryFinding[];
  leakCheck: { clean: boolean; findings: LeakFinding[] };
}

/** The top-level file a path of the report belongs to: `a.tar!/x.log` -> `a.tar`. */
export const topLevelOf = (file: string): string => file.split('!/')[0] ?? file;

/** Counts of the files that were written, with the per-rule totals summed again. */
export function countsOfWritten(counts: ReportCounts, written: ReadonlySet<string>): ReportCounts {
  const files: ReportCounts['files'] = {};
  const rules: ReportCounts['rules'] = {};
  let total = 0;
  for (const [file, perRule] of Object.entries(counts.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (file !== NAMES_FILE && !written.has(topLevelOf(file))) continue;
    files[file] = perRule;
    for (const [rule, count] of Object.entries(perRule)) {
      rules[rule] = (rules[rule] ?? 0) + count;
      total += count;
    }
  }
  return { files, rules, total };
}
