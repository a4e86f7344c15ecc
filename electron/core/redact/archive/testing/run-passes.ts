import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkerEngine } from '../../tree/engine-port';
import { TaskHandler } from '../../tree/file-task';
import type { FileJob, FileResult, Phase } from '../../tree/task-types';
import { MarkerLeakChecker, MarkerRedactor } from './marker-engine';

const config = { keywords: [], extraRules: [] };

/**
 * Runs the three passes over one file in this thread with the marker
 * engine, as a worker would: learn, redact into `part`, leak-check `part`.
 */
export async function runPasses(abs: string, rel: string, part: string, options: { includeBinary?: boolean } = {}) {
  const redactors: MarkerRedactor[] = [];
  const checker = new MarkerLeakChecker();
  const engine: WorkerEngine<null> = {
    createRedactor: () => {
      const redactor = new MarkerRedactor();
      redactors.push(redactor);
      return redactor;
    },
    createLeakChecker: () => checker,
  };
  const handler = new TaskHandler(engine);
  const spoolDir = await mkdtemp(path.join(os.tmpdir(), 'casekit-spool-test-'));
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(abs));
  const job: FileJob = { rel, abs, size };
  const start = (phase: Phase) =>
    handler.startPhase({ phase, map: null, config, includeBinary: options.includeBinary ?? false, spoolDir });
  const noBytes = () => undefined;
  try {
    start('learn');
    const learned = (await handler.run({ phase: 'learn', job }, noBytes)) as Extract<FileResult, { phase: 'learn' }>;
    handler.finishPhase();
    if (learned.whole !== null) return { learned, redacted: null, redactor: redactors[0] as MarkerRedactor, checker };
    start('redact');
    const redacted = (await handler.run(
      { phase: 'redact', job, shown: rel, part, leftOut: learned.leftOut },
      noBytes,
    )) as Extract<FileResult, { phase: 'redact' }>;
    handler.finishPhase();
    start('check');
    await handler.run({ phase: 'check', job, shown: rel, part }, noBytes);
    handler.finishPhase();
    return { learned, redacted, redactor: redactors[1] as MarkerRedactor, checker };
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
}
