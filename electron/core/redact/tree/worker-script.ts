import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CasekitError } from '../../../shared/error-codes';

/** The worker's file name beside the bundle that runs the orchestrator (out/cli/, later out/main/). */
export const REDACT_WORKER_FILE = 'redact-worker.mjs';

/**
 * Where the built worker is: `CASEKIT_REDACT_WORKER` if set (tests point it
 * at a fresh build), else beside the running bundle.
 */
export function redactWorkerScript(env: NodeJS.ProcessEnv = process.env): URL {
  const override = env.CASEKIT_REDACT_WORKER;
  const script =
    override !== undefined && override !== ''
      ? pathToFileURL(path.resolve(override))
      : new URL(`./${REDACT_WORKER_FILE}`, import.meta.url);
  if (!existsSync(fileURLToPath(script))) {
    throw new CasekitError(
      'INTERNAL',
      `The redaction worker ${fileURLToPath(script)} is missing: Casekit is not built completely. Run \`npm run build\`.`,
    );
  }
  return script;
}
