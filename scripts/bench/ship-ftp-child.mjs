// One shipFtp in a process of its own, so that its peak memory (VmHWM) is ours
// alone. Run by ship-ftp.mjs: node ship-ftp-child.mjs '<json>'; prints JSON.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
const { shipFtp } = await import(pathToFileURL(job.bundle).href);

const started = performance.now();
const receipt = await shipFtp({
  bundleDir: job.bundleDir,
  url: job.url,
  password: job.password,
  tls: job.tls,
  trustedCertificate: job.fingerprint ?? undefined,
  retries: 0,
});
const seconds = (performance.now() - started) / 1000;
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(
  JSON.stringify({
    seconds,
    complete: receipt.complete,
    failures: receipt.files
      .filter((file) => file.error !== null)
      .map((file) => `${file.name}: ${file.error.code} ${file.error.message}`),
    sent: receipt.files.filter((file) => file.status === 'sent').length,
    peakBytes: peakKb * 1024,
  }),
);
