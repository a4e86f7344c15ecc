// One `casekit pack` in a process of its own, so that its peak memory
// (VmHWM, worker threads included) is ours alone. Run by ship-pack.mjs:
// node ship-pack-child.mjs '<json>'; prints JSON.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
const peak = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

const { run } = await import(pathToFileURL(job.cli).href);
const args = ['node', 'casekit', 'pack', job.input, '--case', '00012345', '--out', job.out, '--map', job.map];
const t0 = performance.now();
const code = await run([
  ...args,
  '--part-size',
  String(job.partSize),
  ...(job.workers ? ['--workers', String(job.workers)] : []),
]);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, code, peakBytes: peak() }));
