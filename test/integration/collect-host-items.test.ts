import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectHost } from '../../electron/core/collect/collect-host';
import { planHost, runItem } from '../../electron/core/collect/host/index';
import type { CollectProfile } from '../../electron/core/vendor';
import { caught } from '../../electron/core/testing/caught';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { byId, collectHostOn, collectOptions, itemContext, tempDir, zimbraProfile } from './collect-host-support';

const HOST = 'mbx01.example.test';
const SUDO_PASSWORD = "pw 'sudo' $(id)";
let zimbra: TestZimbraHost;
let root: CollectHost;
let profile: CollectProfile;
let out: { dir: string; remove: () => Promise<void> };
const opened: CollectHost[] = [];

beforeAll(async () => {
  profile = await zimbraProfile();
  out = await tempDir('casekit-collect-items-');
  [zimbra] = (await startZimbraHosts([
    {
      hostname: HOST,
      stoppedServices: ['stats'],
      users: [
        { name: 'admin', uid: 2301, sudo: 'nopasswd' },
        { name: 'pwadmin', uid: 2302, password: SUDO_PASSWORD, sudo: 'password' },
        { name: 'plain', uid: 2303, password: 'pw-plain' },
      ],
    },
  ])) as [TestZimbraHost];
  root = await collectHostOn(zimbra);
  opened.push(root);
}, 30_000);
afterAll(async () => {
  await Promise.all(opened.map((session) => session.close()));
  await zimbra.stop();
  await out.remove();
});

const open = async (user: string, sudoPassword?: () => Promise<string | null>) => {
  const session = await collectHostOn(zimbra, user, sudoPassword);
  opened.push(session);
  return session;
};
/** Local midnight `days` days ago, plus `hours`: the fixture stamps rotated logs in local time. */
const localDay = (days: number, hours = 0) => {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - days);
  return new Date(day.getTime() + hours * 3600_000);
};
const isoDay = (day: Date) =>
  `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const signal = new AbortController().signal;

describe('the log window', () => {
  it('plans the current logs and the rotated copies written in the window, with their sizes', async () => {
    // The window starts at noon two days ago: the copy of that day (rotated at the next midnight) is in, the day before is not.
    const options = collectOptions({ groups: ['logs'], since: localDay(2, 12) });
    const items = await planHost(root, profile, options, signal);
    const mailbox = items.filter((item) => /\/mailbox\.log/.test(item.remotePath ?? '')).map((item) => item.remotePath);
    expect(mailbox).toEqual([
      '/opt/zimbra/log/mailbox.log',
      `/opt/zimbra/log/mailbox.log.${isoDay(localDay(1))}.gz`,
      `/opt/zimbra/log/mailbox.log.${isoDay(localDay(2))}.gz`,
    ]);
    const syslog = items
      .filter((item) => item.remotePath?.startsWith('/var/log/zimbra.log'))
      .map((item) => item.remotePath);
    expect(syslog).toEqual(['/var/log/zimbra.log', '/var/log/zimbra.log.1', '/var/log/zimbra.log.2.gz']);
    for (const item of items) {
      expect(item).toMatchObject({ host: HOST, kind: 'log', status: 'pending', needsConsent: false });
      expect(item.id).toBe(`${HOST}|log|${item.remotePath}`);
      expect(item.size).toBe(statSync(zimbra.localPathOf(item.remotePath as string)).size);
    }
    // Logs the host does not have (clamd, mysql) are simply not planned.
    expect(items.some((item) => item.remotePath?.includes('clamd'))).toBe(false);
  });

  it('notes a window older than the days Zimbra keeps', async () => {
    const items = await planHost(root, profile, collectOptions({ groups: ['logs'], since: localDay(12) }), signal);
    const oldest = items.filter((item) => item.remotePath?.startsWith('/opt/zimbra/log/mailbox.log')).at(-1);
    expect(oldest?.remotePath).toBe(`/opt/zimbra/log/mailbox.log.${isoDay(localDay(10))}.gz`);
    expect(oldest?.reason).toContain('older than 8 days are deleted');
    expect(byId(items, `${HOST}|log|/opt/zimbra/log/mailbox.log`).reason).toBeNull();
  });

  it('copies a planned log to <out>/<hostname>/<remote path>, byte for byte', async () => {
    const options = collectOptions({ groups: ['logs'] });
    const [item] = (await planHost(root, profile, options, signal)).filter((entry) =>
      entry.remotePath?.endsWith('.gz'),
    );
    const context = itemContext(root, profile, out.dir, options);
    const outcome = await runItem(item!, context);
    const local = readFileSync(path.join(out.dir, outcome.localPath));
    expect(outcome.localPath).toBe(`${HOST}${item!.remotePath}`);
    expect(local.equals(readFileSync(zimbra.localPathOf(item!.remotePath!)))).toBe(true);
    expect(outcome).toMatchObject({ size: local.length, sha256: sha256(local), exitCode: null });
    expect(context.progress.at(-1)).toMatchObject({ bytesDone: local.length, bytesTotal: local.length });
  });
});

describe('commands', () => {
  it('runs every profile command as its user and saves its output with a header', async () => {
    const options = collectOptions({ groups: ['commands'] });
    const items = await planHost(root, profile, options, signal);
    expect(items.map((item) => item.id)).toEqual(profile.commands.map((command) => `${HOST}|command|${command.id}`));
    const outcomes = new Map<string, string>();
    for (const item of items) {
      const outcome = await runItem(item, itemContext(root, profile, out.dir, options));
      expect(outcome.localPath).toBe(`${HOST}/commands/${item.id.split('|')[2]}.txt`);
      const text = await readFile(path.join(out.dir, outcome.localPath), 'utf8');
      expect(sha256(Buffer.from(text))).toBe(outcome.sha256);
      outcomes.set(item.id.split('|')[2] as string, text);
      if (item.id.endsWith('zmcontrol-status')) expect(outcome.exitCode).toBe(1);
    }
    const version = outcomes.get('zmcontrol-v') as string;
    expect(version).toMatch(
      /^# command: zmcontrol -v\n# run as: zimbra \(su - zimbra\)\n# started: \S+Z\n# duration: [\d.]+ s\n# exit status: 0\n--- stdout ---\nRelease 10\.1\.5\.GA/,
    );
    // A stopped service makes zmcontrol exit 1: still saved, the status recorded.
    expect(outcomes.get('zmcontrol-status')).toMatch(/# exit status: 1\n--- stdout ---\nHost mbx01\.example\.test\n/);
    expect(outcomes.get('zmprov-gs')).toContain('# command: zmprov -l gs mbx01.example.test');
    expect(outcomes.get('zmprov-gs')).toContain('zimbraServiceEnabled: mailbox');
    expect(outcomes.get('df-h')).toContain('# run as: root\n');
    // zmlocalconfig ran without -s: the secrets never reached the collection.
    const all = [...outcomes.values()].join('\n');
    expect(outcomes.get('zmlocalconfig')).toContain('zimbra_server_hostname = mbx01.example.test');
    for (const secret of Object.values(zimbra.secrets)) expect(all).not.toContain(secret);
  });

  it('refuses zmlocalconfig -s even when a profile asks for it, before anything runs', async () => {
    const leaky = {
      ...profile,
      commands: [{ id: 'lc-secrets', argv: ['zmlocalconfig', '-s'], runAs: 'service' as const, timeoutSecs: 30 }],
    };
    const options = collectOptions({ groups: ['commands'] });
    const [item] = await planHost(root, leaky, options, signal);
    expect(item).toMatchObject({ status: 'skipped' });
    const error = await caught(runItem(item!, itemContext(root, leaky, out.dir, options)));
    expect(error.code).toBe('INVALID_INPUT');
    expect((await caught(root.run('zmlocalconfig -x -s', 'service'))).code).toBe('INVALID_INPUT');
    expect((await caught(root.run(['/opt/zimbra/bin/zmlocalconfig', '--show'], 'root'))).code).toBe('INVALID_INPUT');
  });

  it('fails a command that could not run at all: a timeout, or sudo refused', async () => {
    const slow = {
      ...profile,
      commands: [{ id: 'slow', argv: ['sleep', '30'], runAs: 'service' as const, timeoutSecs: 1 }],
    };
    const options = collectOptions({ groups: ['commands'] });
    const [item] = await planHost(root, slow, options, signal);
    expect((await caught(runItem(item!, itemContext(root, slow, out.dir, options)))).code).toBe('COMMAND_TIMEOUT');
    const plain = await open('plain');
    const [version] = await planHost(plain, profile, options, signal);
    const error = await caught(runItem(version!, itemContext(plain, profile, out.dir, options)));
    expect(error.code).toBe('SUDO_NOT_ALLOWED');
  });
});

describe('logged in as the service user itself', () => {
  it('runs its tools in its own login shell, without su or sudo', async () => {
    zimbra.authorize('zimbra', readFileSync(`${zimbra.clientKeyPath}.pub`, 'utf8'));
    const session = await open('zimbra');
    const result = await session.run('id -un; zmcontrol -v', 'service', { env: { CASEKIT_X: "a 'b'" } });
    expect(result.stdout.toString()).toMatch(/^zimbra\nRelease 10\.1\.5\.GA/);
    expect((await session.run('echo "$CASEKIT_X"', 'service', { env: { CASEKIT_X: "a 'b'" } })).stdout.toString()).toBe(
      "a 'b'\n",
    );
  });
});

describe('dumps', () => {
  const heap = `${HOST}|heap|/opt/zimbra/log/java_pid12345.hprof`;
  const core = `${HOST}|core|/opt/zimbra/log/core.12345`;
  const crash = `${HOST}|crash|/opt/zimbra/log/hs_err_pid12345.log`;

  it('lists crash files, heap dumps and cores with sizes; memory images are skipped without consent', async () => {
    const items = await planHost(root, profile, collectOptions({ groups: ['cores'] }), signal);
    expect(byId(items, crash)).toMatchObject({ status: 'pending', needsConsent: false });
    for (const id of [heap, core]) {
      const item = byId(items, id);
      expect(item).toMatchObject({ status: 'skipped', needsConsent: true });
      expect(item.size).toBe(statSync(zimbra.localPathOf(item.remotePath as string)).size);
      expect(item.reason).toContain('hold mail and passwords');
      expect(item.reason).toContain('cannot be redacted');
      expect(item.reason).toContain('--allow-cores');
    }
    const apport = items.find((item) => item.remotePath?.startsWith('/var/crash/'));
    expect(apport).toMatchObject({ kind: 'core', needsConsent: true, status: 'skipped' });
  });

  it('fetches a dump only with consent for that file', async () => {
    const options = collectOptions({ groups: ['cores'], consent: new Set([heap]) });
    const items = await planHost(root, profile, options, signal);
    expect(byId(items, heap).status).toBe('pending');
    expect(byId(items, core).status).toBe('skipped');
    const outcome = await runItem(byId(items, heap), itemContext(root, profile, out.dir, options));
    const local = readFileSync(path.join(out.dir, outcome.localPath));
    expect(local.equals(readFileSync(zimbra.localPathOf('/opt/zimbra/log/java_pid12345.hprof')))).toBe(true);
    const refused = await caught(runItem(byId(items, core), itemContext(root, profile, out.dir, options)));
    expect(refused.code).toBe('CONSENT_REQUIRED');
    const all = collectOptions({ groups: ['cores'], consent: 'all' });
    expect((await planHost(root, profile, all, signal)).every((item) => item.status === 'pending')).toBe(true);
  });
});

describe('a login that is not root', () => {
  const SYSLOG = '/var/log/zimbra.log';

  beforeAll(() => {
    // As on many servers: syslog's files readable by root only.
    for (const file of [SYSLOG, `${SYSLOG}.1`]) chmodSync(zimbra.localPathOf(file), 0o600);
  });

  it('reads root-only files through sudo without a password, the .part resumed', async () => {
    const admin = await open('admin');
    const options = collectOptions({ groups: ['logs'] });
    const item = byId(await planHost(admin, profile, options, signal), `${HOST}|log|${SYSLOG}`);
    const outcome = await runItem(item, itemContext(admin, profile, out.dir, options));
    const expected = readFileSync(zimbra.localPathOf(SYSLOG));
    expect(readFileSync(path.join(out.dir, outcome.localPath)).equals(expected)).toBe(true);
    expect(outcome.sha256).toBe(sha256(expected));

    // An interrupted copy left half of the file: only the rest crosses the link.
    const local = path.join(out.dir, 'resume', 'zimbra.log.1');
    const whole = readFileSync(zimbra.localPathOf(`${SYSLOG}.1`));
    await mkdir(path.dirname(local), { recursive: true });
    await writeFile(`${local}.part`, whole.subarray(0, 1000));
    const resumed = await admin.fetch(`${SYSLOG}.1`, local, {});
    expect(resumed).toMatchObject({
      resumedFrom: 1000,
      bytes: whole.length,
      sha256: sha256(whole),
      verified: 'sha256',
    });
    // A .part that is not the start of the file is started over.
    await writeFile(`${local}.part`, Buffer.alloc(1000, 'x'));
    expect(await admin.fetch(`${SYSLOG}.1`, local, {})).toMatchObject({ resumedFrom: 0, sha256: sha256(whole) });
  });

  it('reads root-only files through sudo with the password it asks for', async () => {
    let asked = 0;
    const pwadmin = await open('pwadmin', () => {
      asked += 1;
      return Promise.resolve(SUDO_PASSWORD);
    });
    const local = path.join(out.dir, 'pw', 'zimbra.log');
    const copy = await pwadmin.fetch(SYSLOG, local, {});
    expect(readFileSync(local).equals(readFileSync(zimbra.localPathOf(SYSLOG)))).toBe(true);
    expect(copy.verified).toBe('sha256');
    expect(asked).toBeGreaterThan(0);
  });

  it('without sudo, plans what the login can read and fails the rest with the reason', async () => {
    const plain = await open('plain');
    const options = collectOptions({ groups: ['logs'] });
    const items = await planHost(plain, profile, options, signal);
    const syslog = byId(items, `${HOST}|log|${SYSLOG}`);
    const error = await caught(runItem(syslog, itemContext(plain, profile, out.dir, options)));
    expect(error.code).toBe('SUDO_NOT_ALLOWED');
    expect(error.message).toContain(`plain may not read ${SYSLOG}, so Casekit tried to read it as root`);
    const mailbox = byId(items, `${HOST}|log|/opt/zimbra/log/mailbox.log`);
    const outcome = await runItem(mailbox, itemContext(plain, profile, out.dir, options));
    expect(outcome.size).toBe(statSync(zimbra.localPathOf('/opt/zimbra/log/mailbox.log')).size);
  });
});
