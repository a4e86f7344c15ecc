import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../core/api/create-core';
import { resolveDataDir } from '../../core/common/data-dir';
import { CliExit, EXIT } from '../exit-codes';
import { startServeServer } from '../serve/server';
import { CASEKIT_VERSION } from '../version';

export interface ServeFlags {
  port?: number;
  open: boolean;
}

/** The built renderer sits beside the built CLI: out/cli/casekit.mjs → out/renderer/. */
export function defaultRendererRoot(): string {
  return process.env.CASEKIT_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../renderer');
}

async function openBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import('open');
    await open(url);
  } catch (error) {
    console.error(`casekit serve: could not open a browser (${String(error)}); open the address above yourself.`);
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** `casekit serve`: loaded only when the command runs (serve-command.ts defines its flags). */
export async function serveAction(flags: ServeFlags): Promise<void> {
  const rendererRoot = defaultRendererRoot();
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    throw new CliExit(EXIT.FAILED, `The UI is not built (no ${rendererRoot}/index.html): run \`npm run build\` first.`);
  }
  const home = resolveDataDir({ env: process.env, platform: process.platform, homedir: os.homedir() });
  const core = await createCore({ home, version: CASEKIT_VERSION });
  // Pack and ship jobs cut short by the last stop carry on from their checkpoints.
  await core.jobs.resumeInterrupted();
  let server;
  try {
    server = await startServeServer({ backend: core, rendererRoot, port: flags.port ?? 0 });
  } catch (error) {
    await core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliExit(
        EXIT.FAILED,
        `Port ${flags.port} on 127.0.0.1 is in use: choose another with --port, or leave it out for a free one.`,
      );
    }
    throw error;
  }
  console.log(`Casekit UI: ${server.url}`);
  console.error(`casekit serve: cases in ${home}; press Ctrl+C to stop.`);
  if (flags.open) await openBrowser(server.url);
  const signal = await untilSignal();
  console.error(`casekit serve: ${signal}, stopping.`);
  await server.close();
  await core.close();
}
