#!/usr/bin/env node
// `npm run bench:collect` (node scripts/bench/collect.mjs): the same
// `casekit collect` (zmdiaglog -z, the logs of the last 24 h, the commands)
// from 1 test Zimbra host and from 4 at once, with the built CLI in a process
// of its own. Goal (issue 4): 4 hosts take at most 1.5 x the time of one.
// Not a test: it prints figures. Needs root (the test hosts are network
// namespaces, test/support/zimbra-host/).
//
// Each host's yesterday's rotated mailbox log (mailbox.log.<day>.gz, in the
// 24 h window) is replaced with BENCH_MB MiB of real gzip (of random bytes,
// which gzip cannot shrink: what matters here is bytes on the wire), so that
// copying dominates; the current logs stay small, which keeps zmdiaglog's
// archive (bzip2 of today's logs) small as well.
//
// Two settings of the hosts' links (BENCH_LINKS, default "100mbit,none"):
// - a rate per host (tc tbf on the server's end of its veth, e.g. 100mbit): each
//   server sends over a link of its own, as real servers do, so the figure is
//   about how well the collection runs hosts side by side;
// - none: unlimited loopback, where the four servers' share of the work (sshd's
//   encryption, the server-side sha256, zmdiaglog) runs on the same 2 CPUs as
//   the CLI: a figure of this machine more than of the collection.
//
// Environment: BENCH_MB (per host, default 300), BENCH_ROUNDS (default 2;
// runs alternate 1 host / 4 hosts and the best of each is kept, since the
// machine is shared), BENCH_LINKS.
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  copyFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { bundleModules, elapsed, launcherFlags, log, root, runTimed } from './bench-kit.mjs';

const MB = Number(process.env.BENCH_MB ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const HOSTS = 4;
const LINKS = (process.env.BENCH_LINKS ?? '100mbit,none').split(',').filter(Boolean);
const cacheDir = path.join(root, 'node_modules/.cache/casekit-bench-collect');

/** Busy and total jiffies of the whole machine so far (/proc/stat), for how loaded the CPUs were. */
function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

async function buildParts() {
  const cliDir = path.join(cacheDir, 'cli');
  await build({
    configFile: path.join(root, 'vite.cli.config.ts'),
    logLevel: 'warn',
    build: { outDir: cliDir, emptyOutDir: true, sourcemap: false },
  });
  const modules = await bundleModules(path.join(cacheDir, 'fixture'), {
    hosts: 'test/support/zimbra-host/index.ts',
  });
  // The fixture copies its stand-in tools from a `remote/` folder beside its code.
  cpSync(path.join(root, 'test/support/zimbra-host/remote'), path.join(cacheDir, 'fixture/remote'), {
    recursive: true,
  });
  return { cli: path.join(cliDir, 'casekit.mjs'), hosts: modules.hosts };
}

/** Limits what the server sends (its veth's egress, inside its namespace) to `rate`, or lifts the limit ('none'). */
function limitLink(host, rate) {
  const veth = execFileSync('ip', ['-n', host.namespace, '-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' })
    .split(':')[1]
    .trim()
    .split('@')[0];
  const tc = (...args) => execFileSync('ip', ['netns', 'exec', host.namespace, 'tc', 'qdisc', ...args, 'dev', veth]);
  if (rate === 'none') {
    try {
      tc('del', 'root');
    } catch {
      // No limit was set.
    }
    return;
  }
  execFileSync('ip', [
    'netns',
    'exec',
    host.namespace,
    'tc',
    'qdisc',
    'replace',
    'dev',
    veth,
    'root',
    'tbf',
    'rate',
    rate,
    'burst',
    '256kb',
    'latency',
    '100ms',
  ]);
}

/** Yesterday's rotated mailbox log: the one file of the window a real server has most of. */
function rotatedLogOf(host) {
  const dir = host.localPathOf('/opt/zimbra/log');
  const dated = readdirSync(dir).filter((name) => /^mailbox\.log\.\d{4}-\d{2}-\d{2}\.gz$/.test(name));
  return path.join(dir, dated.sort().at(-1));
}

async function collect(ctx, hosts, label) {
  const out = path.join(ctx.dir, `out-${label}`);
  rmSync(out, { recursive: true, force: true });
  execFileSync('sync');
  const args = [
    'collect',
    ...hosts.map((host) => `root@${host.address}`),
    '--out',
    out,
    '--identity',
    hosts[0].clientKeyPath,
    '--known-hosts',
    ctx.knownHosts,
    '--case',
    '00012345',
    '--remove-remote-zmdiaglog',
  ];
  const before = cpuTimes();
  const result = await runTimed(
    process.execPath,
    [...launcherFlags, path.join(root, 'scripts/bench/collect-child.mjs'), ctx.cli, ...args],
    {
      env: {
        ...process.env,
        HOME: ctx.home,
        CASEKIT_HOME: ctx.home,
        SSH_AUTH_SOCK: '',
        CASEKIT_RESOURCES_DIR: path.join(root, 'resources'),
      },
    },
  );
  const after = cpuTimes();
  const { code, peakBytes, lines } = JSON.parse(result.stdout.trim().split('\n').at(-1));
  if (code !== 0) throw new Error(`casekit collect (${label}) exited with ${code}:\n${result.stderr}`);
  const journal = JSON.parse(readFileSync(path.join(out, 'collection.json'), 'utf8'));
  const bytes = journal.items.reduce((sum, item) => sum + (item.size ?? 0), 0);
  const busy = (after.busy - before.busy) / (after.total - before.total);
  return {
    seconds: result.seconds,
    cpu: result.cpu,
    peakBytes,
    bytes,
    busy,
    phases: phasesOf(journal, hosts[0].hostname, lines),
  };
}

/**
 * Where one host's time went, from the CLI's own lines: connecting and
 * listing until its first item starts, then each item from its "started" to
 * its "ok" line, grouped by kind.
 */
function phasesOf(journal, hostname, lines) {
  const kinds = new Map(journal.items.map((item) => [`${item.host}: ${itemName(item)}`, item]));
  const phases = { 'connect+plan': 0, zmdiaglog: 0, 'big log': 0, 'other logs': 0, commands: 0 };
  const started = new Map();
  let first = null;
  for (const [at, line] of lines) {
    const match = /^(\S+): (started|ok) (.*?)(?: \([^)]*\))?$/.exec(line);
    if (match === null || match[1] !== hostname) continue;
    const key = `${match[1]}: ${match[3]}`;
    if (match[2] === 'started') {
      started.set(key, at);
      first ??= at;
      continue;
    }
    const item = kinds.get(key);
    if (item === undefined || !started.has(key)) continue;
    const phase =
      item.kind === 'zmdiaglog'
        ? 'zmdiaglog'
        : item.kind === 'command'
          ? 'commands'
          : item.size > 100e6
            ? 'big log'
            : 'other logs';
    phases[phase] += at - started.get(key);
  }
  phases['connect+plan'] = first === null ? 0 : first - (lines[0]?.[0] ?? first);
  return phases;
}

const itemName = (item) =>
  item.remotePath ?? (item.kind === 'command' ? `command ${item.id.split('|').slice(2).join('|')}` : item.kind);

async function main() {
  if (process.getuid?.() !== 0)
    throw new Error('the benchmark starts test Zimbra hosts (network namespaces), which needs root');
  const parts = await buildParts();
  const { startZimbraHosts } = await import(pathToFileURL(parts.hosts).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-bench-collect-'));
  let hosts = [];
  const cleanup = async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    log(`starting ${HOSTS} test Zimbra hosts`);
    hosts = await startZimbraHosts(
      Array.from({ length: HOSTS }, (_, i) => ({ hostname: `mbx0${i + 1}.example.test`, days: 2 })),
    );
    const knownHosts = path.join(dir, 'known_hosts');
    writeFileSync(knownHosts, hosts.map((host) => `${host.knownHostsLine}\n`).join(''));
    const big = path.join(dir, 'rotated.gz');
    log(`writing ${MB} MiB of gzip for each host's rotated mailbox log`);
    execFileSync('sh', ['-c', `head -c ${MB * 1024 * 1024} /dev/urandom | gzip -1 > "${big}"`]);
    for (const host of hosts) {
      const target = rotatedLogOf(host);
      const { mtime } = statSync(target);
      copyFileSync(big, target);
      chownSync(target, host.zimbraUid, host.zimbraUid);
      utimesSync(target, mtime, mtime);
    }
    const ctx = { dir, knownHosts, cli: parts.cli, home: path.join(dir, 'home') };
    const results = [];
    for (const link of LINKS) {
      for (const host of hosts) limitLink(host, link);
      const best = { one: null, four: null };
      const keep = (key, result) => {
        if (best[key] === null || result.seconds < best[key].seconds) best[key] = result;
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        const one = async () => {
          const result = await collect(ctx, hosts.slice(0, 1), 'one');
          log(
            `link ${link}, 1 host: ${result.seconds.toFixed(1)} s, ${(result.bytes / 1e6).toFixed(0)} MB, peak RSS ${(result.peakBytes / 1e6).toFixed(0)} MB`,
          );
          keep('one', result);
        };
        const four = async () => {
          const result = await collect(ctx, hosts, 'four');
          log(
            `link ${link}, ${HOSTS} hosts: ${result.seconds.toFixed(1)} s, ${(result.bytes / 1e6).toFixed(0)} MB, peak RSS ${(result.peakBytes / 1e6).toFixed(0)} MB`,
          );
          keep('four', result);
        };
        // Alternate who goes first: the machine's load drifts.
        if (round % 2 === 0) await one().then(four);
        else await four().then(one);
      }
      results.push({ link, best });
    }
    report(results);
  } finally {
    await cleanup();
    log('test hosts stopped, temporary files removed');
  }
}

function report(results) {
  const row = (link, label, r) => ({
    link: link === 'none' ? 'unlimited (shared CPUs)' : `${link} per host`,
    run: label,
    seconds: Number(r.seconds.toFixed(1)),
    MB: Math.round(r.bytes / 1e6),
    'MB/s': Math.round(r.bytes / 1e6 / r.seconds),
    'CLI CPU s': Number(r.cpu.toFixed(1)),
    'machine CPU busy': `${Math.round(r.busy * 100)} %`,
    'peak RSS': `${Math.round(r.peakBytes / 1e6)} MB`,
  });
  console.log(
    `\ncollect benchmark: zmdiaglog -z, logs of 24 h (${MB} MiB rotated log per host), commands; best of ${ROUNDS}; MB = 10^6 bytes; ${os.cpus().length} CPUs shared by the CLI and the test hosts`,
  );
  console.table(
    results.flatMap(({ link, best }) => [row(link, '1 host', best.one), row(link, `${HOSTS} hosts`, best.four)]),
  );
  const phases = (r) =>
    Object.entries(r.phases)
      .map(([phase, s]) => `${phase} ${s.toFixed(1)} s`)
      .join(', ');
  for (const { link, best } of results) {
    console.log(
      `link ${link}: ${HOSTS} hosts / 1 host = ${(best.four.seconds / best.one.seconds).toFixed(2)} (goal <= 1.5)`,
    );
    console.log(`  where the first host's time went, 1 host: ${phases(best.one)}`);
    console.log(`  where the first host's time went, ${HOSTS} hosts: ${phases(best.four)}`);
  }
  console.log(`Whole benchmark: ${elapsed().toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
