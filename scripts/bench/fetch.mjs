#!/usr/bin/env node
// `npm run bench:fetch` (node scripts/bench/fetch.mjs): our fetchFile against
// OpenSSH's sftp client, both pinned to aes128-gcm@openssh.com, on 1 GiB of
// random bytes and 1 GiB of mailbox.log-like text, through the test sshd on
// 127.0.0.1. Not a test: it prints figures. Needs root (the sshd harness).
//
// The TypeScript (electron/core/remote/transfer and the sshd harness) is bundled first with
// vite's build API into node_modules/.cache/casekit-bench, where `ssh2`
// resolves; nothing else needs installing.
//
// Ours runs three ways: `fetchAuto`, what the app does (for files this size a
// plain exec stream like scp, verified against the server's SHA-256); the same
// verified by size only, as OpenSSH's sftp verifies (like for like); and
// `fetchFile`, our SFTP read loop alone (size-verified).
//
// Environment: BENCH_MB (size of each file, default 1024), BENCH_ROUNDS
// (default 3; runs alternate ours/OpenSSH and the best of each is kept, since
// the machine is shared), BENCH_WAYS (default "auto,auto-size,sftp"), BENCH_CONCURRENCY
// (e.g. "16,64": SFTP requests in flight, one row each).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModules, elapsed, launcherFlags, log, root, runTimed } from './bench-kit.mjs';
import { writeMailboxLog, writeRandom } from './make-data.mjs';

const MB = Number(process.env.BENCH_MB ?? 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '').split(',').filter(Boolean).map(Number);
const WAYS = (process.env.BENCH_WAYS ?? 'auto,auto-size,sftp').split(',').filter(Boolean);
const CIPHER = 'aes128-gcm@openssh.com';
const outDir = path.join(root, 'node_modules/.cache/casekit-bench');

/** Flushes and forgets the previous copy so that its write-back does not slow the next one. */
function clean(file) {
  if (existsSync(file)) unlinkSync(file);
  execFileSync('sync');
}

async function ours(ctx, remote, local, { mode, concurrency }) {
  clean(local);
  const job = { ...ctx.job, remote, local, mode, concurrency };
  const { seconds, stdout } = await runTimed(process.execPath, [
    ...launcherFlags,
    path.join(root, 'scripts/bench/fetch-child.mjs'),
    JSON.stringify(job),
  ]);
  const result = JSON.parse(stdout);
  if (result.sha256 !== ctx.sha[remote]) throw new Error(`our copy of ${remote} does not match`);
  return { seconds, peakBytes: result.peakBytes, how: `${result.mode}, ${result.verified}-verified` };
}

async function openssh(ctx, remote, local) {
  clean(local);
  writeFileSync(ctx.batch, `get ${remote} ${local}\n`);
  const args = ['-q', '-o', `Ciphers=${CIPHER}`, '-i', ctx.sshd.clientKeyPath, '-P', String(ctx.sshd.port)];
  args.push('-o', `UserKnownHostsFile=${ctx.knownHosts}`, '-o', 'BatchMode=yes', '-b', ctx.batch, 'root@127.0.0.1');
  const { seconds } = await runTimed('sftp', args);
  if (statSync(local).size !== statSync(remote).size) throw new Error(`OpenSSH's copy of ${remote} is incomplete`);
  // What OpenSSH needs on top to give what fetchFile gives: the copy's SHA-256.
  const hashed = await runTimed('sha256sum', [local]);
  if (!hashed.stdout.startsWith(ctx.sha[remote])) throw new Error(`OpenSSH's copy of ${remote} does not match`);
  return { seconds, withHash: seconds + hashed.seconds };
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the benchmark starts the test sshd, which needs root');
  const modules = await bundleModules(outDir, {
    transfer: 'electron/core/remote/transfer/index.ts',
    sshd: 'test/support/sshd/start-sshd.ts',
  });
  const { startSshd } = await import(pathToFileURL(modules.sshd).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-bench-'));
  let sshd;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const bytes = MB * 1024 * 1024;
    const random = path.join(dir, 'zmdiaglog-core.bin');
    const text = path.join(dir, 'mailbox.log');
    log(`writing ${MB} MiB of random bytes and ${MB} MiB of log text to ${dir}`);
    const sha = { [random]: await writeRandom(random, bytes), [text]: await writeMailboxLog(text, bytes) };
    sshd = await startSshd();
    const knownHosts = path.join(dir, 'known_hosts');
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
    const fingerprints = sshd.hostKeys.map((key) => key.fingerprint);
    const job = { bundle: modules.transfer, port: sshd.port, key: sshd.clientKeyPath, fingerprints };
    const ctx = { sshd, job, sha, knownHosts, batch: path.join(dir, 'batch') };
    const settings = WAYS.flatMap((mode) =>
      mode === 'sftp' && CONCURRENCY.length > 0
        ? CONCURRENCY.map((concurrency) => ({ mode, concurrency }))
        : [{ mode, concurrency: undefined }],
    );
    const rows = [];
    for (const [label, remote] of [
      ['random binary', random],
      ['log text', text],
    ]) {
      const best = {
        openssh: Infinity,
        opensshHashed: Infinity,
        ours: settings.map(() => Infinity),
        how: settings.map(() => ''),
        peak: settings.map(() => 0),
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        const local = path.join(dir, 'copy');
        const mine = async () => {
          for (const [i, setting] of settings.entries()) {
            const result = await ours(ctx, remote, local, setting);
            best.ours[i] = Math.min(best.ours[i], result.seconds);
            best.how[i] = result.how;
            best.peak[i] = Math.max(best.peak[i], result.peakBytes);
            log(
              `${label}: ours ${setting.mode}${setting.concurrency ? ` (${setting.concurrency} requests)` : ''} (${result.how}) ${(bytes / 1e6 / result.seconds).toFixed(0)} MB/s, peak RSS ${(result.peakBytes / 1e6).toFixed(0)} MB`,
            );
          }
        };
        const theirs = async () => {
          const result = await openssh(ctx, remote, local);
          best.openssh = Math.min(best.openssh, result.seconds);
          best.opensshHashed = Math.min(best.opensshHashed, result.withHash);
          log(`${label}: OpenSSH ${(bytes / 1e6 / result.seconds).toFixed(0)} MB/s`);
        };
        // Alternate who goes first: the machine's load drifts.
        if (round % 2 === 0) await mine().then(theirs);
        else await theirs().then(mine);
        clean(local);
      }
      for (const [i, setting] of settings.entries())
        rows.push({ label, ...setting, bytes, ...best, ours: best.ours[i], how: best.how[i], peak: best.peak[i] });
    }
    report(rows);
  } finally {
    await sshd?.stop();
    cleanup();
    rmSync(outDir, { recursive: true, force: true });
    log('temporary files removed');
  }
}

function report(rows) {
  const mbps = (bytes, seconds) => Math.round(bytes / 1e6 / seconds);
  const ratio = (a, b) => Number((a / b).toFixed(2));
  const table = rows.map((row) => ({
    file: row.label,
    ours: `${row.mode === 'sftp' ? 'fetchFile' : 'fetchAuto'}${row.concurrency ? ` ×${row.concurrency}` : ''} (${row.how})`,
    'ours MB/s': mbps(row.bytes, row.ours),
    'OpenSSH MB/s': mbps(row.bytes, row.openssh),
    'ours/OpenSSH': ratio(row.openssh, row.ours),
    'OpenSSH+sha256sum MB/s': mbps(row.bytes, row.opensshHashed),
    'ours/(OpenSSH+sha256sum)': ratio(row.opensshHashed, row.ours),
    'our peak RSS': `${(row.peak / 1e6).toFixed(0)} MB`,
  }));
  console.log(
    `\nfetch benchmark: ${MB} MiB per file, best of ${ROUNDS}, MB = 10^6 bytes, ${CIPHER}, 127.0.0.1, ${os.cpus().length} CPUs`,
  );
  console.table(table);
  console.log(
    'Times include process start and the SSH handshake for both; ours also computes the SHA-256 of the copy (and fetchAuto has the server compute it too, to compare).',
  );
  console.log(`Whole benchmark: ${elapsed().toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
