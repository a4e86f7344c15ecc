// One redaction run in a process of its own, so that its peak memory
// (VmHWM, worker threads included) is ours alone. Run by redact.mjs:
// node redact-child.mjs '<json>'; prints JSON.
//
// mode "engine": the engine alone on this thread: pass 1 (learn) over every
// file, merge, pass 2 (redact) over every file, the leak check over every
// output; the three are timed apart.
// mode "cli": the built `casekit redact` with `workers` worker threads:
// learn, redact, leak check, report (its progress goes to stderr).
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
const peak = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

async function engineOnly() {
  const engine = await import(pathToFileURL(job.engine).href);
  const config = { keywords: [], extraRules: [] };
  let map = engine.newMapSnapshot();
  const t0 = performance.now();
  const learner = new engine.Redactor(map, config);
  for (const file of job.files) await pipeline(createReadStream(file), learner.learn(file));
  map = engine.mergeOutcomes(map, [learner.outcome()]);
  const t1 = performance.now();
  const redactor = new engine.Redactor(map, config);
  for (const file of job.files) {
    await pipeline(
      createReadStream(file),
      redactor.redact(file),
      createWriteStream(path.join(job.out, path.basename(file))),
    );
  }
  const t2 = performance.now();
  const checker = new engine.LeakChecker(engine.mergeOutcomes(map, [redactor.outcome()]), config);
  for (const file of job.files) {
    const out = path.join(job.out, path.basename(file));
    await pipeline(createReadStream(out), checker.scan(out));
  }
  const t3 = performance.now();
  return {
    learnSeconds: (t1 - t0) / 1000,
    redactSeconds: (t2 - t1) / 1000,
    checkSeconds: (t3 - t2) / 1000,
    leaks: checker.findings().length,
  };
}

async function cli() {
  const { run } = await import(pathToFileURL(job.cli).href);
  const args = ['node', 'casekit', 'redact', job.input, '--out', job.out, '--map', job.map, '--report', job.report];
  const t0 = performance.now();
  const code = await run([...args, '--workers', String(job.workers)]);
  const seconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(readFileSync(job.report, 'utf8'));
  return { seconds, code, leaks: report.leakCheck.findings.length };
}

const result = job.mode === 'engine' ? await engineOnly() : await cli();
console.log(JSON.stringify({ ...result, peakBytes: peak() }));
