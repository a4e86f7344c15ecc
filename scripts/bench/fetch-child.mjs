// One fetchFile in a process of its own, so that its peak memory (VmHWM) is
// ours alone. Run by fetch.mjs: node fetch-child.mjs '<json>'; prints JSON.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
const { fetchAuto, fetchFile } = await import(pathToFileURL(job.bundle).href);
const { Client } = await import('ssh2');

const started = performance.now();
const client = await new Promise((resolve, reject) => {
  const c = new Client();
  c.once('ready', () => resolve(c));
  c.once('error', reject);
  c.connect({
    host: '127.0.0.1',
    port: job.port,
    username: 'root',
    privateKey: readFileSync(job.key),
    // The same cipher as the OpenSSH run; ssh2 would pick it anyway, OpenSSH would pick chacha20.
    algorithms: { cipher: ['aes128-gcm@openssh.com'] },
    hostVerifier: (key) =>
      job.fingerprints.includes(`SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`),
  });
});
// 'auto' is what the app does (a plain exec stream for a file this size, checked
// against the server's SHA-256); 'auto-size' the same, checked by size as
// OpenSSH's sftp is; 'sftp' is our SFTP read loop alone (checked by size).
const result =
  job.mode === 'sftp'
    ? await fetchFile(client, job.remote, job.local, job.concurrency ? { concurrency: job.concurrency } : {})
    : await fetchAuto(client, job.remote, job.local, job.mode === 'auto-size' ? { verify: 'size' } : {});
const seconds = (performance.now() - started) / 1000;
client.end();
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(
  JSON.stringify({
    seconds,
    bytes: result.bytes,
    sha256: result.sha256,
    verified: result.verified,
    mode: result.mode ?? 'sftp',
    peakBytes: peakKb * 1024,
  }),
);
