import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { CasekitError } from '../../shared/error-codes';
import { errorMessage } from '../common/error-text';

/** What MANIFEST.json says about the redaction, from `casekit redact --report`. Counts only, never a value. */
export interface RedactionSummary {
  /** The report's path in the bundle. */
  report: string;
  status: string;
  files: number;
  written: number;
  leftOut: number;
  failed: number;
  replacements: number;
  /** Replacements per rule. */
  rules: Record<string, number>;
  leakCheckClean: boolean;
}

// Only the fields summarised: a report from a newer Casekit with more fields still reads.
const reportSchema = z.object({
  status: z.string(),
  totals: z.object({
    files: z.number(),
    written: z.number(),
    leftOut: z.number(),
    failed: z.number(),
    replacements: z.number(),
  }),
  counts: z.object({ rules: z.record(z.string(), z.number()) }),
  leakCheck: z.object({ clean: z.boolean() }),
});

/** Reads a redaction report; one that is not a `casekit redact` report is refused, not shipped as it is. */
export async function readRedactionSummary(file: string, pathInBundle: string): Promise<RedactionSummary> {
  let parsed: z.infer<typeof reportSchema>;
  try {
    parsed = reportSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch (error) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${file} is not a redaction report written by "casekit redact --report" (${errorMessage(error).split('\n')[0]}). Remove it or name the right report.`,
    );
  }
  return {
    report: pathInBundle,
    status: parsed.status,
    ...parsed.totals,
    rules: parsed.counts.rules,
    leakCheckClean: parsed.leakCheck.clean,
  };
}
