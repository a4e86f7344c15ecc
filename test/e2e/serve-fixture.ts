import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface ServeProcess {
  /** The address printed by `casekit serve`, token included. */
  url: string;
  origin: string;
  port: number;
  home: string;
}

const CLI = path.resolve(import.meta.dirname, '../../bin/casekit.mjs');

/**
 * Starts the built `casekit serve` the way a user would, and reads the address it prints.
 * `env` adds to the environment (a spec that needs its own HOME, for ~/.ssh/config).
 */
export async function startServe(
  home: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open'], {
    env: { ...process.env, ...env, CASEKIT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`casekit serve printed no address in 15 s. stderr: ${stderr}`)),
      15_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Casekit UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`casekit serve exited with ${code}. stderr: ${stderr}`));
    });
  });
  return { child, url };
}

export const test = base.extend<object, { serve: ServeProcess }>({
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const home = await mkdtemp(path.join(os.tmpdir(), 'casekit-e2e-'));
      const { child, url } = await startServe(home);
      const parsed = new URL(url);
      await use({ url, origin: parsed.origin, port: Number(parsed.port), home });
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(home, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');
