#!/usr/bin/env node
// `npm run bench:redact` (node scripts/bench/redact.mjs): our redaction
// engine against `LC_ALL=C sed -E` with ten comparable patterns (e-mail,
// IPv4, IPv6, password, token, cookie, Basic auth, host name, uid, device id)
// on 1 GiB of Zimbra-like logs made from the redaction test corpus's formats,
// split into several files. Not a test: it prints figures.
//
// Rows: the engine alone on one thread (pass 1 learn and pass 2 redact timed
// apart), the built `casekit redact` (learn, redact, leak check, report) with
// one and with two worker threads, sed with one process and with two at a time.
// Peak memory is the child process's VmHWM (worker threads included).
//
// The TypeScript (the engine and the corpus generator) is bundled first with
// vite's build API into node_modules/.cache, and the CLI is built there with
// vite.cli.config.ts, as `npm run build` builds it (its worker threads run
// the built redact-worker.mjs).
//
// Environment: BENCH_MB (total size, default 1024), BENCH_FILES (default 8),
// BENCH_ROUNDS (default 1; the best of each row is kept, the machine is shared),
// BENCH_KEEP=1 keeps the data and outputs for inspection.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { writeBenchLogs } from './redact-data.mjs';
import { runSed, writeSedScript } from './redact-sed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MB = Number(process.env.BENCH_MB ?? 1024);
const FILES = Number(process.env.BENCH_FILES ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const KEEP = process.env.BENCH_KEEP === '1';
const benchStart = performance.now();
const log = (text) => console.error(`[${((performance.now() - benchStart) / 1000).toFixed(1)}s] ${text}`);
const outDir = path.join(root, 'node_modules/.cache/casekit-bench-redact');

async function bundle() {
  const lib = path.join(outDir, 'lib');
  const input = { pool: path.join(root, 'test/fixtures/redact/bench-pool.ts') };
  const engine = path.join(root, 'electron/core/redact/engine/index.ts');
  if (existsSync(engine)) input.engine = engine;
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: lib,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  // The CLI as `npm run build` makes it (casekit.mjs and its worker thread's redact-worker.mjs).
  let cli = null;
  if (existsSync(path.join(root, 'electron/core/redact/index.ts'))) {
    await build({
      configFile: path.join(root, 'vite.cli.config.ts'),
      logLevel: 'warn',
      build: { outDir: path.join(outDir, 'cli'), emptyOutDir: true, sourcemap: false },
    });
    cli = path.join(outDir, 'cli', 'casekit.mjs');
  }
  return {
    pool: path.join(lib, 'pool.mjs'),
    engine: input.engine ? path.join(lib, 'engine.mjs') : null,
    cli,
  };
}

function child(job) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, [path.join(root, 'scripts/bench/redact-child.mjs'), JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`redact-child (${job.mode}) exited with ${code}: ${stderr}`));
      resolve({ wall: (performance.now() - started) / 1000, ...JSON.parse(stdout.trim().split('\n').pop()) });
    });
  });
}

function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function main() {
  log('bundling the engine and the corpus generator');
  const modules = await bundle();
  const { benchEntryPool } = await import(pathToFileURL(modules.pool).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-bench-redact-'));
  const cleanup = () => {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const bytes = MB * 1024 * 1024;
    const poolStart = performance.now();
    const pool = benchEntryPool('bench-redact-1', 16384);
    const inputDir = fresh(path.join(dir, 'in'));
    const files = await writeBenchLogs(inputDir, pool, bytes, FILES);
    const total = files.length > 0 ? bytes : 0;
    log(
      `${MB} MiB in ${files.length} files written in ${((performance.now() - poolStart) / 1000).toFixed(1)} s (${dir})`,
    );
    const script = writeSedScript(dir);
    const best = {};
    const keep = (label, value) => {
      best[label] = best[label] === undefined ? value : minBy(best[label], value);
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const parallel of [1, 2]) {
        const seconds = await runSed(script, files, fresh(path.join(dir, 'sed')), parallel);
        log(`sed, ${parallel} process${parallel > 1 ? 'es' : ''}: ${(total / 1e6 / seconds).toFixed(1)} MB/s`);
        keep(`sed ${parallel}`, { seconds });
      }
      if (modules.engine) {
        const r = await child({ mode: 'engine', engine: modules.engine, files, out: fresh(path.join(dir, 'engine')) });
        log(
          `engine, one thread: learn ${(total / 1e6 / r.learnSeconds).toFixed(1)} MB/s, redact ${(total / 1e6 / r.redactSeconds).toFixed(1)} MB/s, leak check ${(total / 1e6 / r.checkSeconds).toFixed(1)} MB/s (${r.leaks} findings), peak ${(r.peakBytes / 1e6).toFixed(0)} MB`,
        );
        keep('engine learn', { seconds: r.learnSeconds, peakBytes: r.peakBytes });
        keep('engine redact', { seconds: r.redactSeconds, peakBytes: r.peakBytes });
        keep('engine learn+redact', { seconds: r.learnSeconds + r.redactSeconds, peakBytes: r.peakBytes });
        keep('engine check', { seconds: r.checkSeconds, peakBytes: r.peakBytes });
        keep('engine all', { seconds: r.learnSeconds + r.redactSeconds + r.checkSeconds, peakBytes: r.peakBytes });
      }
      if (modules.cli) {
        for (const workers of [1, 2]) {
          const out = fresh(path.join(dir, `tree-${workers}`));
          rmSync(out, { recursive: true, force: true });
          const r = await child({
            mode: 'cli',
            cli: modules.cli,
            report: path.join(dir, `report-${workers}-${round}.json`),
            input: inputDir,
            out,
            map: path.join(dir, `map-${workers}-${round}.json`),
            workers,
          });
          log(
            `casekit redact, ${workers} worker${workers > 1 ? 's' : ''}: ${(total / 1e6 / r.seconds).toFixed(1)} MB/s, peak ${(r.peakBytes / 1e6).toFixed(0)} MB, leak check findings ${r.leaks}, exit ${r.code}`,
          );
          keep(`tree ${workers}`, { seconds: r.seconds, peakBytes: r.peakBytes });
        }
      }
    }
    report(best, total, files.length);
  } finally {
    cleanup();
    rmSync(outDir, { recursive: true, force: true });
  }
}

const minBy = (a, b) =>
  b.seconds < a.seconds
    ? { ...b, peakBytes: Math.max(a.peakBytes ?? 0, b.peakBytes ?? 0) }
    : { ...a, peakBytes: Math.max(a.peakBytes ?? 0, b.peakBytes ?? 0) };

function report(best, total, files) {
  const mbps = (row) => (row ? total / 1e6 / row.seconds : NaN);
  const sed1 = mbps(best['sed 1']);
  const sed2 = mbps(best['sed 2']);
  const rows = [
    ['sed -E, 10 patterns, 1 process', 'sed 1', sed1],
    ['sed -E, 10 patterns, 2 processes', 'sed 2', sed2],
    ['engine, pass 1 (learn), 1 thread', 'engine learn', sed1],
    ['engine, pass 2 (redact), 1 thread', 'engine redact', sed1],
    ['engine, learn + redact, 1 thread', 'engine learn+redact', sed1],
    ['engine, leak check, 1 thread', 'engine check', sed1],
    ['engine, learn + redact + leak check, 1 thread', 'engine all', sed1],
    ['casekit redact, 1 worker (learn, redact, leak check)', 'tree 1', sed1],
    ['casekit redact, 2 workers (learn, redact, leak check)', 'tree 2', sed2],
  ];
  const table = rows
    .filter(([, key]) => best[key])
    .map(([label, key, against]) => ({
      run: label,
      'MB/s': Number(mbps(best[key]).toFixed(1)),
      'vs sed (same cores)': key.startsWith('sed') ? '' : Number((mbps(best[key]) / against).toFixed(2)),
      'peak RSS': best[key].peakBytes ? `${(best[key].peakBytes / 1e6).toFixed(0)} MB` : '',
    }));
  console.log(
    `\nredaction benchmark: ${(total / 1024 / 1024).toFixed(0)} MiB of Zimbra-like logs in ${files} files, best of ${ROUNDS}, MB = 10^6 bytes, ${os.cpus().length} CPUs`,
  );
  console.table(table);
  if (best['tree 1'] && best['tree 2']) {
    console.log(
      `casekit redact, 2 workers / 1 worker: ${(best['tree 1'].seconds / best['tree 2'].seconds).toFixed(2)}x`,
    );
  }
  console.log(`Whole benchmark: ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
