// What the benchmark scripts share: the repository root, a timestamped log on
// stderr, bundling our TypeScript with vite's build API (into node_modules/.cache,
// where our dependencies resolve), running a command for its wall and CPU time,
// and the node flags the casekit launcher starts with.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node flags of bin/casekit.mjs's shebang line: benchmark children run our
 * code as the CLI runs it (electron/core/common/heap-flags.ts says why).
 */
export const launcherFlags = readFileSync(path.join(root, 'bin/casekit.mjs'), 'utf8')
  .split('\n')[0]
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

const benchStart = performance.now();

/** Seconds since the benchmark started. */
export const elapsed = () => (performance.now() - benchStart) / 1000;

export const log = (text) => console.error(`[${elapsed().toFixed(1)}s] ${text}`);

/** Bundles `inputs` ({ name: path from the root }) as ES modules into `outDir`; gives { name: bundle path }. */
export async function bundleModules(outDir, inputs) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: Object.fromEntries(Object.entries(inputs).map(([name, file]) => [name, path.join(root, file)])),
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return Object.fromEntries(Object.keys(inputs).map((name) => [name, path.join(outDir, `${name}.mjs`)]));
}

/** CPU seconds (user + system) of this process's waited-for children so far. */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * Runs a command to its end: its wall time, its output and the CPU seconds it
 * used (measured on this process's children, so run one at a time).
 */
export function runTimed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childCpuSeconds();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${stderr}`));
      resolve({ seconds: (performance.now() - started) / 1000, cpu: childCpuSeconds() - cpuBefore, stdout, stderr });
    });
  });
}
