import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '../../../../..');

/**
 * Builds the CLI the way `npm run build` does (vite.cli.config.ts: casekit.mjs
 * and redact-worker.mjs) into `<fresh>/out/cli` under node_modules/.cache (so
 * the bundle finds its dependencies), with a copy of bin/casekit.mjs in
 * `<fresh>/bin` to launch it, for tests that need real worker threads: vitest
 * runs TypeScript, a worker thread runs only built JavaScript. Point
 * CASEKIT_REDACT_WORKER at `worker`; `remove` when done.
 */
export async function buildCli(): Promise<{ bin: string; worker: string; remove: () => Promise<void> }> {
  const cache = path.join(root, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const top = await mkdtemp(path.join(cache, 'casekit-cli-test-'));
  const outDir = path.join(top, 'out', 'cli');
  await mkdir(path.join(top, 'bin'));
  await copyFile(path.join(root, 'bin', 'casekit.mjs'), path.join(top, 'bin', 'casekit.mjs'));
  await build({
    configFile: path.join(root, 'vite.cli.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return {
    bin: path.join(top, 'bin', 'casekit.mjs'),
    worker: path.join(outDir, 'redact-worker.mjs'),
    remove: () => rm(top, { recursive: true, force: true }),
  };
}
