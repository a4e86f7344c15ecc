/** The kinds of log the fixture writes, each in the format the real service writes it. */
export type LogKind = 'mailbox' | 'audit' | 'sync' | 'mailboxd-out' | 'nginx' | 'syslog' | 'stats';

/** A small seeded generator, so a host's logs are the same on every run. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-25 04:00:01,123` in local time, as log4j writes it. */
export function log4jStamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`;
}

/** `Nov 25 04:00:01` (day padded with a space), as syslog writes it. */
export function syslogStamp(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const nginxStamp = (date: Date) =>
  `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

export interface LogContext {
  /** mbx01.example.test */
  hostname: string;
  /** example.test */
  domain: string;
  random: () => number;
}

const SOAP_REQUESTS = [
  'SearchRequest',
  'GetMsgRequest',
  'SendMsgRequest',
  'GetFolderRequest',
  'NoOpRequest',
  'AuthRequest',
];
const USER_AGENTS = [
  'ZimbraWebClient - FF133 (Linux)/10.1.5_GA_4655',
  'ZimbraWebClient - GC131 (Win)/10.1.5_GA_4655',
  'Outlook-Express/7.0 (MSIE 7.0; Windows NT 10.0)',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function user(c: LogContext): { name: string; mid: number } {
  const n = 1 + Math.floor(c.random() * 40);
  return { name: `user${n}@${c.domain}`, mid: n + 2 };
}

const clientIp = (c: LogContext) => `203.0.113.${1 + Math.floor(c.random() * 250)}`;
const hex = (c: LogContext, length: number) =>
  Array.from({ length }, () => Math.floor(c.random() * 16).toString(16)).join('');

const STACK = [
  'com.zimbra.common.service.ServiceException: system failure: Unable to connect to the remote host',
  '\tat com.zimbra.common.service.ServiceException.FAILURE(ServiceException.java:294)',
  '\tat com.zimbra.cs.mailclient.MailConnection.connect(MailConnection.java:108)',
  '\tat com.zimbra.cs.datasource.ImapSync.connect(ImapSync.java:221)',
  '\tat java.base/java.lang.Thread.run(Thread.java:840)',
];

function mailboxLine(date: Date, c: LogContext): string {
  const u = user(c);
  const roll = c.random();
  const stamp = log4jStamp(date);
  if (roll < 0.55) {
    const request = pick(c.random, SOAP_REQUESTS);
    return `${stamp} INFO  [qtp1386767190-${100 + Math.floor(c.random() * 400)}:https://${c.hostname}/service/soap/${request}] [name=${u.name};mid=${u.mid};ip=${clientIp(c)};port=${40000 + Math.floor(c.random() * 20000)};ua=${pick(c.random, USER_AGENTS)};soapId=${hex(c, 8)};] soap - ${request} elapsed=${Math.floor(c.random() * 400)}`;
  }
  if (roll < 0.8) {
    return `${stamp} INFO  [LmtpServer-${Math.floor(c.random() * 200)}] [name=${u.name};mid=${u.mid};ip=198.51.100.25;] mailop - Adding Message: id=${1000 + Math.floor(c.random() * 90000)}, Message-ID=<${hex(c, 12)}@mail.example.net>, parentId=-1, folderId=2, folderName=Inbox, acct=${u.name}.`;
  }
  if (roll < 0.95) {
    return `${stamp} INFO  [ImapServer-${Math.floor(c.random() * 300)}] [name=${u.name};mid=${u.mid};ip=${clientIp(c)};oip=${clientIp(c)};via=${c.hostname}(nginx/1.24.0);ua=Thunderbird/128.5;cid=${Math.floor(c.random() * 9000)};] imap - IDLE finished`;
  }
  return [
    `${stamp} WARN  [ScheduledTask-${Math.floor(c.random() * 4)}] [name=${u.name};mid=${u.mid};ds=imap-import;] datasource - Import failed for data source imap-import`,
    ...STACK,
  ].join('\n');
}

function auditLine(date: Date, c: LogContext): string {
  const u = user(c);
  const stamp = log4jStamp(date);
  if (c.random() < 0.85) {
    return `${stamp} INFO  [qtp1386767190-${100 + Math.floor(c.random() * 400)}:https://${c.hostname}/service/soap/AuthRequest] [ip=${clientIp(c)};ua=${pick(c.random, USER_AGENTS)};] security - cmd=Auth; account=${u.name}; protocol=soap;`;
  }
  return `${stamp} WARN  [ImapServer-${Math.floor(c.random() * 300)}] [ip=${clientIp(c)};] security - cmd=Auth; account=${u.name}; protocol=imap; error=authentication failed for [${u.name}], invalid password;`;
}

function syncLine(date: Date, c: LogContext): string {
  const u = user(c);
  const device = hex(c, 16).toUpperCase();
  const command = pick(c.random, ['Ping', 'Sync', 'FolderSync', 'ItemOperations']);
  return `${log4jStamp(date)} INFO  [qtp1386767190-${100 + Math.floor(c.random() * 400)}:https://${c.hostname}/Microsoft-Server-ActiveSync?User=${u.name.split('@')[0]}&DeviceId=${device}&DeviceType=iPhone&Cmd=${command}] [name=${u.name};mid=${u.mid};ip=${clientIp(c)};Cmd=${command};DeviceID=${device};Version=16.1;] sync - ${command} finished in ${Math.floor(c.random() * 600)}ms`;
}

function mailboxdOutLine(date: Date, c: LogContext, n: number): string {
  const ms = `${pad(date.getMilliseconds(), 3)}`;
  const stamp = `${log4jStamp(date).replace(/,\d{3}$/, '')}.${ms}`;
  if (c.random() < 0.7) {
    const before = 600 + Math.floor(c.random() * 400);
    return `[${stamp}][info][gc] GC(${4000 + n}) Pause Young (Normal) (G1 Evacuation Pause) ${before}M->${Math.floor(before / 2)}M(1024M) ${(c.random() * 40).toFixed(3)}ms`;
  }
  return `${stamp}:INFO:oejs.AbstractConnector:qtp1386767190-${Math.floor(c.random() * 400)}: Started ServerConnector@${hex(c, 8)}{SSL, (ssl, http/1.1)}{0.0.0.0:8443}`;
}

function nginxLine(date: Date, c: LogContext): string {
  const connection = Math.floor(c.random() * 900000);
  if (c.random() < 0.6)
    return `${nginxStamp(date)} [info] 2345#0: *${connection} client ${clientIp(c)}:${40000 + Math.floor(c.random() * 20000)} connected to 0.0.0.0:993`;
  return `${nginxStamp(date)} [info] 2345#0: *${connection} client ${clientIp(c)} closed keepalive connection`;
}

function syslogLine(date: Date, c: LogContext): string {
  const short = c.hostname.split('.')[0];
  const u = user(c);
  const roll = c.random();
  const queue = hex(c, 10).toUpperCase();
  if (roll < 0.35)
    return `${syslogStamp(date)} ${short} postfix/smtpd[${2000 + Math.floor(c.random() * 9000)}]: connect from mail.example.net[198.51.100.25]`;
  if (roll < 0.7)
    return `${syslogStamp(date)} ${short} postfix/lmtp[${2000 + Math.floor(c.random() * 9000)}]: ${queue}: to=<${u.name}>, relay=${c.hostname}[10.0.0.5]:7025, delay=0.${Math.floor(c.random() * 9)}, status=sent (250 2.1.5 Delivery OK)`;
  return `${syslogStamp(date)} ${short} amavis[${1000 + Math.floor(c.random() * 9000)}]: (0${Math.floor(c.random() * 9999)}-01) Passed CLEAN {RelayedInbound}, [198.51.100.25]:${40000 + Math.floor(c.random() * 20000)} <sender@example.net> -> <${u.name}>, Message-ID: <${hex(c, 12)}@mail.example.net>, mail_id: ${hex(c, 12)}, Hits: -1.9, size: ${1000 + Math.floor(c.random() * 90000)}, queued_as: ${queue}, ${Math.floor(c.random() * 2000)} ms`;
}

function statsLine(date: Date, c: LogContext): string {
  const short = c.hostname.split('.')[0];
  const csvStamp = `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  if (c.random() < 0.5)
    return `${syslogStamp(date)} ${short} zimbramon[3456]: 3456:info: zmstat cpu.csv: timestamp, cpu:user, cpu:nice, cpu:sys, cpu:idle, cpu:iowait :: ${csvStamp}, ${(c.random() * 30).toFixed(1)}, 0.0, ${(c.random() * 10).toFixed(1)}, ${(60 + c.random() * 30).toFixed(1)}, ${(c.random() * 5).toFixed(1)}`;
  return `${syslogStamp(date)} ${short} zimbramon[3456]: 3456:info: ${log4jStamp(date).slice(0, 19)}, STATUS: ${c.hostname}: mailbox: Running`;
}

const WRITERS: Record<LogKind, (date: Date, c: LogContext, n: number) => string> = {
  mailbox: mailboxLine,
  audit: auditLine,
  sync: syncLine,
  'mailboxd-out': mailboxdOutLine,
  nginx: nginxLine,
  syslog: syslogLine,
  stats: statsLine,
};

/**
 * About `bytes` of `kind` log lines with timestamps rising evenly from `from`
 * to `to` (a day of a rotated file, or today until now for a current one): the
 * last line falls near `to`, as in a log still being written.
 */
export function logText(kind: LogKind, from: Date, to: Date, bytes: number, c: LogContext): string {
  const write = WRITERS[kind];
  const sample = Array.from({ length: 40 }, (_, i) => write(from, c, i).length + 1);
  const average = sample.reduce((a, b) => a + b, 0) / sample.length;
  const count = Math.max(1, Math.round(bytes / average));
  const span = Math.max(0, to.getTime() - from.getTime());
  const step = span / count;
  const lines = Array.from({ length: count }, (_, i) =>
    write(new Date(from.getTime() + Math.floor(step * i + c.random() * step)), c, i),
  );
  return `${lines.join('\n')}\n`;
}
