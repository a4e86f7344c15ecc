// One `casekit collect` in a process of its own, so that its peak memory
// (VmHWM) is the CLI's alone. Run by collect.mjs: node collect-child.mjs
// <built casekit.mjs> ARGS…; prints one JSON line {code, peakBytes, lines}:
// the CLI's stderr lines with the second each was written, to time the items.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundle, ...args] = process.argv.slice(2);
const { run } = await import(pathToFileURL(bundle).href);
const lines = [];
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  const at = performance.now() / 1000;
  for (const line of String(chunk).split('\n')) if (line !== '') lines.push([at, line]);
  return write(chunk, ...rest);
};
const code = await run(['node', 'casekit', ...args]);
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(`${JSON.stringify({ code, peakBytes: peakKb * 1024, lines })}\n`);
