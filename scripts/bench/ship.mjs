#!/usr/bin/env node
// `npm run bench:ship`: the two figures of the pack-and-ship issue, one after
// the other in the same run: pack+split of BENCH_MB of logs against
// `tar czf - … | split -b` (ship-pack.mjs), and an FTP upload of BENCH_MB on
// loopback against `curl -T` (ship-ftp.mjs). Not a test: it prints figures.
// Each script documents its own environment variables; they are passed on.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function runScript(name) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, name)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

try {
  await runScript('ship-pack.mjs');
  await runScript('ship-ftp.mjs');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
