import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CasekitError } from '../../../shared/error-codes';
import type { PackOptions, PackResult } from '../../bundle/index';
import { STAGING_PREFIX } from '../../bundle/out-dir';
import type { JobContext, JobRunner } from '../../jobs/job-types';
import { readBundleInfo } from './case-bundles';

/** What a pack job needs to run, and to run again the same after a restart; stored as the job's params. */
export const packJobParamsSchema = z.object({
  caseId: z.string(),
  sourceDir: z.string(),
  outDir: z.string(),
  caseNumber: z.string(),
  format: z.enum(['tar.gz', 'zip']),
  partSize: z.number().int(),
  consentedBinaries: z.array(z.string()),
  mapFile: z.string(),
  /** The bundle's time stamp: its name, and so the folder name chosen at start. */
  now: z.iso.datetime(),
});
export type PackJobParams = z.infer<typeof packJobParamsSchema>;

export type PackFunction = (options: PackOptions) => Promise<PackResult>;

export interface PackJobDeps {
  pack: PackFunction;
  appVersion: string;
}

/** The CLI's flags in the core's refusals mean nothing in the app: say what to do there instead. */
function forTheApp(error: unknown): unknown {
  if (!(error instanceof CasekitError)) return error;
  if (error.code === 'CONSENT_REQUIRED') {
    return new CasekitError(
      'CONSENT_REQUIRED',
      error.message.replace(
        /Consent to each \(--allow-binary PATH\)/,
        'Tick each one you agree to ship as it is in the list of binary files',
      ),
    );
  }
  if (error.code === 'LEAK_CHECK_FAILED') {
    return new CasekitError(
      'LEAK_CHECK_FAILED',
      error.message.replace(/ \(add --keyword or --rules for what was missed\)/, ', adding what was missed'),
    );
  }
  return error;
}

/**
 * A pack cut short by a crash leaves its hidden staging folder behind; the
 * next run starts over in an emptied folder. A bundle that was complete
 * before the crash is kept as it is.
 */
async function prepareRerun(outDir: string): Promise<'done' | 'pack'> {
  const entries = await fs.readdir(outDir).catch(() => null);
  if (entries === null || entries.length === 0) return 'pack';
  if ((await readBundleInfo(outDir)) !== null) return 'done';
  if (entries.every((name) => name.startsWith(STAGING_PREFIX))) {
    await fs.rm(outDir, { recursive: true, force: true });
    return 'pack';
  }
  throw new CasekitError(
    'IO_ERROR',
    `${outDir} holds files of an unfinished pack that Casekit did not expect. Delete that folder, then pack again.`,
  );
}

/** The `pack` job: packs a redacted folder into the case's bundles folder, reporting files and bytes. */
export function packJobRunner(deps: PackJobDeps): JobRunner {
  return async (ctx: JobContext) => {
    const params = packJobParamsSchema.parse(ctx.params);
    if ((await prepareRerun(params.outDir)) === 'done') return;
    await fs.mkdir(path.dirname(params.outDir), { recursive: true });
    ctx.progress({ bytesDone: 0, itemsDone: 0, current: null });
    try {
      await deps.pack({
        sourceDir: params.sourceDir,
        outDir: params.outDir,
        caseNumber: params.caseNumber,
        format: params.format,
        partSize: params.partSize,
        appVersion: deps.appVersion,
        mapFile: params.mapFile,
        consentedBinaries: params.consentedBinaries,
        now: new Date(params.now),
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress({
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
            itemsDone: p.filesDone,
            itemsTotal: p.filesTotal,
            current: p.current,
          }),
      });
    } catch (error) {
      throw forTheApp(error);
    }
  };
}
