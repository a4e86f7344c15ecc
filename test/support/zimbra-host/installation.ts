import { randomUUID } from 'node:crypto';
import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { FIXTURE_DIR, MAILBOXD_PID, type TreeWriter } from './zimbra-tree';

/** What zmdiaglog does on a host; see README.md. */
export type ZmdiaglogMode = 'ok' | 'fail' | 'hang' | 'unknown-java' | 'slow';

export interface ZmdiaglogBehaviour {
  mode: ZmdiaglogMode;
  /** For 'slow': how long the collection rounds take in all (default 5). */
  slowSeconds?: number;
  /** The -z/-Z archive is damaged after it is named, so the md5 in its name no longer matches. */
  corruptArchive?: boolean;
  /** Length of one of the real script's 5-second pauses here (default 0.05 s, ten of them per run). */
  phaseDelaySeconds?: number;
  /** Size of the heap dump zmdiaglog -a writes (default 1 MiB). */
  heapBytes?: number;
}

/** A typical single-server install: everything enabled. */
export const ALL_SERVICES = [
  'amavis',
  'antispam',
  'antivirus',
  'dnscache',
  'ldap',
  'logger',
  'mailbox',
  'memcached',
  'mta',
  'opendkim',
  'proxy',
  'service',
  'snmp',
  'spell',
  'stats',
  'zimbra',
  'zimbraAdmin',
  'zimlet',
];

export interface ServerEntry {
  hostname: string;
  services: string[];
  installedServices: string[];
  stoppedServices: string[];
}

export const DEFAULT_RELEASE = 'Release 10.1.5.GA.4655.UBUNTU22_64 UBUNTU22_64 NETWORK edition.';
const WEBAPPS = new Set(['service', 'zimbra', 'zimbraAdmin', 'zimlet']);

/** `zmprov -l gs <host>`: `# name`, then the attributes, multi-valued ones one line per value. */
function serverAttributes(server: ServerEntry): string {
  const attrs: [string, string][] = [
    ['cn', server.hostname],
    ['objectClass', 'zimbraServer'],
    ['zimbraId', randomUUID()],
    ['zimbraServerHostname', server.hostname],
    ['zimbraServerVersion', '10.1.5_GA_4655'],
    ['zimbraServiceHostname', server.hostname],
    ...server.installedServices.map((s): [string, string] => ['zimbraServiceInstalled', s]),
    ...server.services.map((s): [string, string] => ['zimbraServiceEnabled', s]),
    ['zimbraMailMode', 'https'],
    ['zimbraMailSSLPort', '8443'],
    ['zimbraLogToSyslog', 'FALSE'],
  ];
  return [`# name ${server.hostname}`, ...attrs.map(([k, v]) => `${k}: ${v}`)].join('\n') + '\n';
}

/** zmcontrol status lines: services sorted, webapps named "<x> webapp", zmconfigd always there. */
function serviceStatus(server: ServerEntry): string {
  const names = [...server.services, 'zmconfigd'].sort();
  return names
    .map((s) => {
      const shown = WEBAPPS.has(s) ? `${s} webapp` : s;
      return `${shown}|${server.stoppedServices.includes(s) ? 'Stopped' : 'Running'}`;
    })
    .join('\n')
    .concat('\n');
}

/** Writes what the stand-ins answer from: the installation's servers (same on every host) and this host's own. */
export function writeInstallation(w: TreeWriter, self: ServerEntry, all: ServerEntry[], release: string): void {
  w.file(`${FIXTURE_DIR}/server-list`, all.map((s) => s.hostname).join('\n') + '\n');
  for (const server of all) w.file(`${FIXTURE_DIR}/servers/${server.hostname}`, serverAttributes(server));
  w.file(
    `${FIXTURE_DIR}/global-config`,
    [
      'zimbraComponentAvailable: hotbackup',
      'zimbraComponentAvailable: convertd',
      'zimbraDefaultDomainName: example.test',
    ]
      .join('\n')
      .concat('\n'),
  );
  w.file(`${FIXTURE_DIR}/release`, `${release}\n`);
  w.file(`${FIXTURE_DIR}/service-status`, serviceStatus(self));
  if (self.services.includes('mailbox'))
    w.file('/opt/zimbra/log/zmmailboxd_java.pid', `${MAILBOXD_PID}\n`, { zimbra: true });
  w.dir('/opt/zimbra/common/bin');
  symlinkSync('../lib/jvm/java/bin/java', w.local('/opt/zimbra/common/bin/java'));
}

export function normalizeBehaviour(behaviour: ZmdiaglogMode | ZmdiaglogBehaviour): ZmdiaglogBehaviour {
  return typeof behaviour === 'string' ? { mode: behaviour } : behaviour;
}

/**
 * Sets zmdiaglog's behaviour; the next run reads it. Written to a temporary
 * file and renamed, so a run starting meanwhile sees the old or the new
 * settings, never half of them.
 */
export function writeZmdiaglogControl(w: TreeWriter, behaviour: ZmdiaglogMode | ZmdiaglogBehaviour): void {
  const b = normalizeBehaviour(behaviour);
  const number = (value: number | undefined, fallback: number, name: string) => {
    const n = value ?? fallback;
    if (!Number.isFinite(n) || n < 0) throw new Error(`zmdiaglog ${name} must be a non-negative number, got ${n}`);
    return String(n);
  };
  const text = [
    `mode=${b.mode}`,
    `slow_seconds=${number(b.slowSeconds, 5, 'slowSeconds')}`,
    `archive=${b.corruptArchive ? 'corrupt' : 'ok'}`,
    `phase_delay=${number(b.phaseDelaySeconds, 0.05, 'phaseDelaySeconds')}`,
    `heap_bytes=${Math.floor(Number(number(b.heapBytes, 1024 * 1024, 'heapBytes')))}`,
  ].join('\n');
  const file = w.local(`${FIXTURE_DIR}/zmdiaglog`);
  writeFileSync(`${file}.new`, `${text}\n`);
  renameSync(`${file}.new`, file);
}
