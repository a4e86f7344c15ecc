import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type LogContext, type LogKind, log4jStamp, logText, seededRandom } from './log-lines';

/** Where the stand-in scripts live in this repository. */
const REMOTE_SOURCES = path.join(import.meta.dirname, 'remote');

export const ZIMBRA_UID = 2190;
export const MAILBOXD_PID = 12345;
export const FIXTURE_DIR = '/opt/.casekit-fixture';

export interface TreeOptions {
  hostname: string;
  /** Approximate size of each log file (uncompressed), default 100 KB. */
  logBytes: number;
  /** Size of the JVM heap dump java_pid12345.hprof, default 4 MiB. */
  heapDumpBytes: number;
  /** Size of the core file core.12345, default 1 MiB. */
  coreBytes: number;
  /** Rotated days of each log (mailbox.log.YYYY-MM-DD.gz, zimbra.log.N…), default 10. */
  days: number;
  /** Fake secret values localconfig.xml holds (zimbra_ldap_password = TEST-SECRET-…). */
  secrets: Record<string, string>;
  ldapHost: string;
  now: Date;
}

/** Writes a file inside the tree, owned by zimbra when Zimbra would own it. */
export class TreeWriter {
  constructor(readonly root: string) {}

  local(remotePath: string): string {
    return path.join(this.root, remotePath);
  }

  dir(remotePath: string, zimbra = false, mode = 0o755): void {
    const local = this.local(remotePath);
    mkdirSync(local, { recursive: true, mode });
    chmodSync(local, mode);
    if (zimbra) chownSync(local, ZIMBRA_UID, ZIMBRA_UID);
  }

  file(remotePath: string, data: string | Buffer, options: { zimbra?: boolean; mode?: number; mtime?: Date } = {}) {
    const local = this.local(remotePath);
    mkdirSync(path.dirname(local), { recursive: true });
    writeFileSync(local, data, { mode: options.mode ?? 0o644 });
    chmodSync(local, options.mode ?? 0o644);
    if (options.zimbra) chownSync(local, ZIMBRA_UID, ZIMBRA_UID);
    if (options.mtime) utimesSync(local, options.mtime, options.mtime);
  }

  script(remotePath: string, source: string): void {
    const local = this.local(remotePath);
    mkdirSync(path.dirname(local), { recursive: true });
    copyFileSync(path.join(REMOTE_SOURCES, source), local);
    chmodSync(local, 0o755);
  }
}

const startOfDay = (date: Date, daysBack = 0) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack, 0, 0, 0, 0);
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** A day's log: from its midnight to the next (or to now for today's). */
function dayLog(kind: LogKind, day: Date, o: TreeOptions, c: LogContext): string {
  const end = startOfDay(day, -1).getTime() - 1;
  const to = new Date(Math.min(end, o.now.getTime()));
  // 50–150 % of the configured size, so files differ like real ones
  const bytes = Math.round(o.logBytes * (0.5 + c.random()));
  return logText(kind, day, to, bytes, c);
}

/**
 * /opt/zimbra/log: current mailbox.log and audit.log plus rotated
 * `<name>.YYYY-MM-DD.gz` for each past day, each with its mtime at the next
 * midnight as Zimbra's rotation leaves it; the other logs and the crash files.
 */
function writeZimbraLogs(w: TreeWriter, o: TreeOptions, c: LogContext): void {
  w.dir('/opt/zimbra/log', true);
  const today = startOfDay(o.now);
  for (const [name, kind] of [
    ['mailbox.log', 'mailbox'],
    ['audit.log', 'audit'],
  ] as const) {
    w.file(`/opt/zimbra/log/${name}`, dayLog(kind, today, o, c), { zimbra: true, mtime: o.now });
    for (let back = 1; back <= o.days; back++) {
      const day = startOfDay(o.now, back);
      w.file(`/opt/zimbra/log/${name}.${isoDay(day)}.gz`, gzipSync(dayLog(kind, day, o, c)), {
        zimbra: true,
        mtime: startOfDay(o.now, back - 1),
      });
    }
  }
  w.file('/opt/zimbra/log/sync.log', dayLog('sync', today, o, c), { zimbra: true, mtime: o.now });
  w.file('/opt/zimbra/log/nginx.log', dayLog('nginx', today, o, c), { zimbra: true, mtime: o.now });
  w.file('/opt/zimbra/log/zmmailboxd.out', dayLog('mailboxd-out', today, o, c), { zimbra: true, mtime: o.now });

  const crashedAt = new Date(startOfDay(o.now, 1).getTime() + 13.5 * 3600_000);
  w.file(`/opt/zimbra/log/hs_err_pid${MAILBOXD_PID}.log`, hsErr(crashedAt, o.hostname), {
    zimbra: true,
    mtime: crashedAt,
  });
  const hprofHeader = Buffer.concat([Buffer.from('JAVA PROFILE 1.0.2\0'), Buffer.from([0, 0, 0, 8])]);
  w.file(`/opt/zimbra/log/java_pid${MAILBOXD_PID}.hprof`, Buffer.concat([hprofHeader, randomBytes(o.heapDumpBytes)]), {
    zimbra: true,
    mode: 0o600,
    mtime: crashedAt,
  });
  // ELF header of a core file (ET_CORE), the rest noise
  const elf = Buffer.alloc(64);
  elf.write('\x7fELF', 0, 'latin1');
  elf.set([2, 1, 1], 4);
  elf.writeUInt16LE(4, 16);
  elf.writeUInt16LE(0x3e, 18);
  w.file(`/opt/zimbra/log/core.${MAILBOXD_PID}`, Buffer.concat([elf, randomBytes(o.coreBytes)]), {
    zimbra: true,
    mode: 0o600,
    mtime: crashedAt,
  });
}

function hsErr(at: Date, hostname: string): string {
  return `#
# A fatal error has been detected by the Java Runtime Environment:
#
#  SIGSEGV (0xb) at pc=0x00007f3a5c1d2e4f, pid=${MAILBOXD_PID}, tid=${MAILBOXD_PID + 54}
#
# JRE version: OpenJDK Runtime Environment (17.0.12+7) (build 17.0.12+7-Ubuntu-1ubuntu222.04)
# Java VM: OpenJDK 64-Bit Server VM (17.0.12+7-Ubuntu-1ubuntu222.04, mixed mode, sharing, tiered, compressed oops, compressed class ptrs, g1 gc, linux-amd64)
# Problematic frame:
# V  [libjvm.so+0x8a2e4f]  G1ParScanThreadState::trim_queue_to_threshold(unsigned int)+0x1bf
#
# Core dump will be written. Default location: /opt/zimbra/log/core.${MAILBOXD_PID}
#
# If you would like to submit a bug report, please visit:
#   https://bugs.launchpad.net/ubuntu/+source/openjdk-17
#

---------------  S U M M A R Y ------------

Command Line: -Dfile.encoding=UTF-8 -server -Xms1024m -Xmx1024m -Djava.io.tmpdir=/opt/zimbra/mailboxd/work -Dzimbra.config=/opt/zimbra/conf/localconfig.xml org.eclipse.jetty.start.Main --module=zimbra,server,servlet

Host: ${hostname}, Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz, 8 cores, 31G, Ubuntu 22.04.4 LTS
Time: ${log4jStamp(at).replace(',', '.')} UTC elapsed time: 981234.123456 seconds (11d 8h 33m 54s)

---------------  T H R E A D  ---------------

Current thread (0x00007f3a40012345):  GCTaskThread "GC Thread#3" [stack: 0x00007f3a2b5fe000,0x00007f3a2b6fe000] [id=${MAILBOXD_PID + 54}]
`;
}

/** /var/log/zimbra.log and zimbra-stats.log, rotated by logrotate: .1 plain (delaycompress), .2.gz on. */
function writeSyslogs(w: TreeWriter, o: TreeOptions, c: LogContext): void {
  for (const [name, kind] of [
    ['zimbra.log', 'syslog'],
    ['zimbra-stats.log', 'stats'],
  ] as const) {
    w.file(`/var/log/${name}`, dayLog(kind, startOfDay(o.now), o, c), { mtime: o.now });
    for (let n = 1; n <= o.days; n++) {
      const text = dayLog(kind, startOfDay(o.now, n), o, c);
      const mtime = startOfDay(o.now, n - 1);
      if (n === 1) w.file(`/var/log/${name}.1`, text, { mtime });
      else w.file(`/var/log/${name}.${n}.gz`, gzipSync(text), { mtime });
    }
  }
}

/** An apport report of the crashed mailboxd JVM, as Ubuntu leaves it in /var/crash. */
function writeCrashReport(w: TreeWriter, o: TreeOptions): void {
  const at = new Date(startOfDay(o.now, 1).getTime() + 13.5 * 3600_000);
  const report = [
    'ProblemType: Crash',
    'Architecture: amd64',
    `Date: ${at.toString().slice(0, 24)}`,
    'DistroRelease: Ubuntu 22.04',
    'ExecutablePath: /opt/zimbra/common/lib/jvm/java/bin/java',
    'ExecutableTimestamp: 1721116800',
    `ProcCmdline: /opt/zimbra/common/bin/java -Dfile.encoding=UTF-8 -server -Xms1024m -Xmx1024m org.eclipse.jetty.start.Main`,
    'ProcCwd: /opt/zimbra/log',
    'Signal: 6',
    'SignalName: SIGABRT',
    'Uname: Linux 5.15.0-119-generic x86_64',
    'UserGroups: N/A',
    'CoreDump: base64',
    ...randomBytes(3000)
      .toString('base64')
      .match(/.{1,76}/g)!
      .map((line) => ` ${line}`),
    '',
  ].join('\n');
  w.dir('/var/crash', false, 0o1777);
  w.file(`/var/crash/_opt_zimbra_common_lib_jvm_java_bin_java.${ZIMBRA_UID}.crash`, report, {
    zimbra: true,
    mode: 0o640,
    mtime: at,
  });
}

function localconfigXml(o: TreeOptions): string {
  const keys: [string, string][] = [
    ['av_notify_domain', o.hostname.split('.').slice(1).join('.')],
    ['ldap_is_master', o.ldapHost === o.hostname ? 'true' : 'false'],
    ['ldap_master_url', `ldap://${o.ldapHost}:389`],
    ['ldap_url', `ldap://${o.ldapHost}:389`],
    ['mailboxd_java_heap_size', '1024'],
    ['zimbra_home', '/opt/zimbra'],
    ['zimbra_java_home', '/opt/zimbra/common/lib/jvm/java'],
    ['zimbra_ldap_userdn', 'uid=zimbra,cn=admins,cn=zimbra'],
    ['zimbra_server_hostname', o.hostname],
    ['zimbra_tmp_directory', '/opt/zimbra/data/tmp'],
    ['zimbra_uid', String(ZIMBRA_UID)],
    ['zimbra_gid', String(ZIMBRA_UID)],
    ['zimbra_user', 'zimbra'],
    ...Object.entries(o.secrets),
  ];
  keys.sort(([a], [b]) => a.localeCompare(b));
  const body = keys.map(([name, value]) => `  <key name="${name}">\n    <value>${value}</value>\n  </key>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n\n<localconfig>\n${body}\n</localconfig>\n`;
}

/** /opt/zimbra/zmstat: today's CSVs and yesterday's folder, which zmdiaglog copies. */
function writeStats(w: TreeWriter, o: TreeOptions): void {
  const csv = (day: Date) =>
    `timestamp, cpu:user, cpu:sys, cpu:idle\n${Array.from({ length: 24 }, (_, h) => `${isoDay(day)} ${String(h).padStart(2, '0')}:00:00, 12.0, 3.1, 84.9`).join('\n')}\n`;
  w.dir('/opt/zimbra/zmstat', true);
  w.file('/opt/zimbra/zmstat/cpu.csv', csv(startOfDay(o.now)), { zimbra: true });
  const yesterday = startOfDay(o.now, 1);
  w.dir(`/opt/zimbra/zmstat/${isoDay(yesterday)}`, true);
  w.file(`/opt/zimbra/zmstat/${isoDay(yesterday)}/cpu.csv.gz`, gzipSync(csv(yesterday)), { zimbra: true });
}

/** Builds the host's /opt, /var/log and /var/crash under `root`. */
export function writeZimbraTree(root: string, o: TreeOptions): TreeWriter {
  const w = new TreeWriter(root);
  const c: LogContext = {
    hostname: o.hostname,
    domain: o.hostname.split('.').slice(1).join('.'),
    random: seededRandom(o.hostname),
  };
  w.dir('/opt/zimbra');
  w.script('/opt/zimbra/.bash_profile', 'bash_profile');
  chmodSync(w.local('/opt/zimbra/.bash_profile'), 0o644);
  chownSync(w.local('/opt/zimbra/.bash_profile'), ZIMBRA_UID, ZIMBRA_UID);
  w.file(
    '/opt/zimbra/.install_history',
    `${Math.floor(o.now.getTime() / 1000) - 86400 * 90}: INSTALLED zimbra-core-10.1.5.GA.4655.UBUNTU22_64\n`,
  );
  for (const tool of ['zmprov', 'zmcontrol', 'zmlocalconfig', 'zmhostname']) w.script(`/opt/zimbra/bin/${tool}`, tool);
  w.script('/opt/zimbra/libexec/zmdiaglog', 'zmdiaglog');
  w.script('/opt/zimbra/common/lib/jvm/java/bin/java', 'java');
  w.dir('/opt/zimbra/conf', true);
  w.file('/opt/zimbra/conf/localconfig.xml', localconfigXml(o), { zimbra: true, mode: 0o640 });
  w.dir('/opt/zimbra/data', true);
  w.dir('/opt/zimbra/data/tmp', true);
  writeZimbraLogs(w, o, c);
  writeStats(w, o);
  w.dir('/var/log');
  writeSyslogs(w, o, c);
  writeCrashReport(w, o);
  w.dir(FIXTURE_DIR);
  w.script(`${FIXTURE_DIR}/zimbra-only.sh`, 'zimbra-only.sh');
  return w;
}

/** The secrets a host's localconfig.xml holds: unmistakably fake, unique per host. */
export function fakeSecrets(): Record<string, string> {
  const secret = (key: string) => `TEST-SECRET-${key}-${randomUUID().slice(0, 8)}`;
  return Object.fromEntries(
    [
      'ldap_root_password',
      'mailboxd_keystore_password',
      'mysql_root_password',
      'zimbra_ldap_password',
      'zimbra_mysql_password',
    ].map((key) => [key, secret(key)]),
  );
}
