#!/usr/bin/env node
// The FTP shipping benchmark (node scripts/bench/ship-ftp.mjs): our shipFtp
// against `curl -T` uploading the same files to the same test vsftpd on
// 127.0.0.1 (test/support/ftpd, a real server in its own mount namespace; needs
// root). Not a test: it prints figures.
//
// Two shapes of the same BENCH_MB of random bytes: a bundle folder of 9.5 MiB
// parts (what `casekit pack` writes; curl gets every part in one invocation,
// `-T "{a,b,…}"`, over one connection, as we use one) and one single file.
// Both sides upload plain FTP (BENCH_TLS=off) and/or explicit TLS
// (BENCH_TLS=explicit: curl --ssl-reqd, ours with the certificate pinned).
// Ours also asks the server for each file's size before and after it (resume
// and verification); curl does neither.
//
// The TypeScript (electron/core/ship/ftp and the ftpd harness) is bundled
// first with vite's build API into node_modules/.cache, where basic-ftp
// resolves. Runs alternate ours and curl; the best of BENCH_ROUNDS is kept
// (the machine is shared). Environment: BENCH_MB (default 1024), BENCH_ROUNDS
// (default 3), BENCH_SHAPES (default "parts,single"), BENCH_TLS (default
// "off,explicit").
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModules, elapsed, launcherFlags, log, root, runTimed } from './bench-kit.mjs';
import { writeRandom } from './make-data.mjs';

const MB = Number(process.env.BENCH_MB ?? 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SHAPES = (process.env.BENCH_SHAPES ?? 'parts,single').split(',').filter(Boolean);
const TLS = (process.env.BENCH_TLS ?? 'off,explicit').split(',').filter(Boolean);
const PART = 9961472; // 9.5 MiB, pack's default part size
const outDir = path.join(root, 'node_modules/.cache/casekit-bench-ftp');

/** A bundle folder: parts of random bytes and the SHA256SUMS that lists them. */
async function makeFolder(dir, sizes) {
  mkdirSync(dir, { recursive: true });
  const lines = [];
  for (const [i, size] of sizes.entries()) {
    const name =
      sizes.length === 1
        ? 'case-00012345-bench.tar.gz'
        : `case-00012345-bench.tar.gz.part${String(i + 1).padStart(3, '0')}`;
    lines.push(`${await writeRandom(path.join(dir, name), size)}  ${name}`);
  }
  writeFileSync(path.join(dir, 'SHA256SUMS'), `${lines.join('\n')}\n`);
  return readdirSync(dir).sort();
}

/** Empties the server's folder and flushes, so that the previous copy's write-back does not slow the next. */
function clean(folder) {
  rmSync(folder, { recursive: true, force: true });
  execFileSync('sync');
}

function sums(dir) {
  return execFileSync('sh', ['-c', 'sha256sum * | sort'], { cwd: dir }).toString();
}

async function ours(ctx, shape, tls) {
  const folder = `ours-${shape}-${tls}`;
  clean(path.join(ctx.server[tls].root, folder));
  const server = ctx.server[tls];
  const job = {
    bundle: ctx.modules.ftp,
    bundleDir: ctx.folders[shape].dir,
    url: `ftp://${server.user}@127.0.0.1:${server.port}/${folder}`,
    password: server.password,
    tls,
    fingerprint: server.fingerprint,
  };
  const { seconds, stdout, cpu } = await runTimed(process.execPath, [
    ...launcherFlags,
    path.join(root, 'scripts/bench/ship-ftp-child.mjs'),
    JSON.stringify(job),
  ]);
  const result = JSON.parse(stdout);
  if (!result.complete)
    throw new Error(`our upload of ${shape} over ${tls} is incomplete: ${result.failures.join('; ')}`);
  return { seconds, cpu, peakBytes: result.peakBytes, folder: path.join(server.root, folder) };
}

async function curl(ctx, shape, tls) {
  const folder = `curl-${shape}-${tls}`;
  const server = ctx.server[tls];
  clean(path.join(server.root, folder));
  const names = ctx.folders[shape].names;
  const args = ['-sS', '--ftp-create-dirs', '-u', `${server.user}:${server.password}`];
  if (tls === 'explicit') args.push('--ssl-reqd', '--insecure');
  args.push('-T', `{${names.join(',')}}`, `ftp://127.0.0.1:${server.port}/${folder}/`);
  const { seconds, cpu } = await runTimed('curl', args, { cwd: ctx.folders[shape].dir });
  return { seconds, cpu, folder: path.join(server.root, folder) };
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the benchmark starts the test vsftpd, which needs root');
  const modules = await bundleModules(outDir, {
    ftp: 'electron/core/ship/ftp/index.ts',
    ftpd: 'test/support/ftpd/start-ftpd.ts',
  });
  const { startFtpd } = await import(pathToFileURL(modules.ftpd).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-bench-ftp-'));
  const server = {};
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const bytes = MB * 1024 * 1024;
    const partSizes = Array.from({ length: Math.ceil(bytes / PART) }, (_, i) => Math.min(PART, bytes - i * PART));
    log(`writing ${MB} MiB as ${partSizes.length} parts and as one file to ${dir}`);
    const folders = {};
    for (const shape of SHAPES) {
      const folder = path.join(dir, shape);
      folders[shape] = { dir: folder, names: await makeFolder(folder, shape === 'single' ? [bytes] : partSizes) };
      folders[shape].sums = sums(folder);
    }
    // curl opens TLS data connections without resuming the control connection's session, which vsftpd
    // refuses by default (our client resumes it); the benchmark's server lets curl in.
    for (const tls of TLS)
      server[tls] = await startFtpd({ tls, config: tls === 'off' ? [] : ['require_ssl_reuse=NO'] });
    const ctx = { modules, folders, server };
    const rows = [];
    for (const shape of SHAPES) {
      for (const tls of TLS) {
        const best = {
          ours: Infinity,
          curl: Infinity,
          oursCpu: Infinity,
          curlCpu: Infinity,
          peak: 0,
          curlCopy: 'same',
        };
        const label = `${shape === 'single' ? '1 file' : `${folders[shape].names.length - 1} parts`}, TLS ${tls}`;
        for (let round = 0; round < ROUNDS; round += 1) {
          const mine = async () => {
            const result = await ours(ctx, shape, tls);
            if (round === 0 && sums(result.folder) !== folders[shape].sums) throw new Error('our copy differs');
            best.ours = Math.min(best.ours, result.seconds);
            best.oursCpu = Math.min(best.oursCpu, result.cpu);
            best.peak = Math.max(best.peak, result.peakBytes);
            log(
              `${label}: ours ${(bytes / 1e6 / result.seconds).toFixed(0)} MB/s, ${result.cpu.toFixed(2)} s CPU, peak RSS ${(result.peakBytes / 1e6).toFixed(0)} MB`,
            );
            clean(result.folder);
          };
          const theirs = async () => {
            const result = await curl(ctx, shape, tls);
            // Reported, not fatal: curl against vsftpd over TLS has been seen to leave a short copy.
            if (round === 0 && sums(result.folder) !== folders[shape].sums) {
              best.curlCopy = 'DIFFERS';
              log(`${label}: curl's copy differs from the original:\n${sums(result.folder)}`);
            }
            best.curl = Math.min(best.curl, result.seconds);
            best.curlCpu = Math.min(best.curlCpu, result.cpu);
            log(`${label}: curl -T ${(bytes / 1e6 / result.seconds).toFixed(0)} MB/s, ${result.cpu.toFixed(2)} s CPU`);
            clean(result.folder);
          };
          // Alternate who goes first: the machine's load drifts.
          if (round % 2 === 0) await mine().then(theirs);
          else await theirs().then(mine);
        }
        rows.push({ label, bytes, ...best });
      }
    }
    report(rows);
  } finally {
    for (const started of Object.values(server)) await started.stop();
    cleanup();
    rmSync(outDir, { recursive: true, force: true });
    log('temporary files removed');
  }
}

function report(rows) {
  const mbps = (bytes, seconds) => Math.round(bytes / 1e6 / seconds);
  const table = rows.map((row) => ({
    upload: row.label,
    'ours MB/s': mbps(row.bytes, row.ours),
    'curl -T MB/s': mbps(row.bytes, row.curl),
    'ours/curl': Number((row.curl / row.ours).toFixed(2)),
    'ours CPU s': Number(row.oursCpu.toFixed(2)),
    'curl CPU s': Number(row.curlCpu.toFixed(2)),
    'our peak RSS': `${(row.peak / 1e6).toFixed(0)} MB`,
    "curl's copy": row.curlCopy,
  }));
  console.log(
    `\nFTP upload benchmark: ${MB} MiB, best of ${ROUNDS}, MB = 10^6 bytes, vsftpd on 127.0.0.1, ${os.cpus().length} CPUs`,
  );
  console.table(table);
  console.log(
    'Times include process start, login and folder creation for both; ours also checks each file size before (resume) and after (verification); curl does neither. CPU = user + system seconds of the client process (the server is not counted).',
  );
  console.log(`Whole benchmark: ${elapsed().toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
