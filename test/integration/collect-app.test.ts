import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMP_CONSENT_REASON } from '../../electron/core/collect/host/index';
import { LEFT_OUT_BY_USER } from '../../electron/core/collect/run/index';
import type { CallOutput } from '../../electron/shared/api-contract';
import type { CaseRecord } from '../../electron/shared/case-schemas';
import type { CollectItem, Collection } from '../../electron/shared/collect-schemas';
import type { JobSummary } from '../../electron/shared/job-schemas';
import type { ServerRecord } from '../../electron/shared/server-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { addCaseServer, data, makeCollectApp, newCase, trustKeys, type CollectApp } from './collect-app-support';

const SUDO_PASSWORD = 'pw-admin-sudo-4711';
const DAY_MS = 24 * 3600_000;

let hosts: TestZimbraHost[] = [];
let app: CollectApp;

beforeAll(async () => {
  hosts = await startZimbraHosts([
    {
      hostname: 'mbx01.example.test',
      services: ['mailbox', 'logger', 'stats'],
      users: [{ name: 'admin', uid: 2301, password: SUDO_PASSWORD, sudo: 'password' }],
    },
    { hostname: 'ldap01.example.test', services: ['ldap', 'snmp'] },
    { hostname: 'mta01.example.test', services: ['mta', 'amavis', 'antispam', 'antivirus'] },
  ]);
  app = await makeCollectApp(hosts);
}, 30_000);
afterAll(async () => {
  await app?.remove();
  await Promise.all(hosts.map((host) => host.stop()));
});

const [MBX, LDAP, MTA] = ['mbx01.example.test', 'ldap01.example.test', 'mta01.example.test'];
const hostOf = (name: string): TestZimbraHost => hosts.find((host) => host.hostname === name) as TestZimbraHost;
const scopeOf = (caseId: string) => ({ kind: 'case' as const, caseId });
const call = async <T>(name: string, input: unknown): Promise<T> => data<T>(await app.core.dispatch(name, input));
const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const itemsOf = (collection: Collection, host: string) => collection.items.filter((item) => item.host === host);

async function finished(jobId: string): Promise<JobSummary> {
  return app.core.jobs.waitFor(jobId);
}

async function caseServers(caseId: string): Promise<ServerRecord[]> {
  return call<ServerRecord[]>('listServers', { scope: scopeOf(caseId) });
}

describe('the Collect step on real Zimbra hosts', () => {
  let record: CaseRecord;
  let request: Record<string, unknown>;
  let plan: CallOutput<'planCollection'>;

  it('discovers the installation from one saved server and adds the others with its access settings', async () => {
    record = await newCase(app.core, 'Mailbox crashes at night', '00012345');
    const mbx = await addCaseServer(app.core, record.id, hostOf(MBX), { port: 22, useSudo: false });
    const found = await call<CallOutput<'discoverServers'>>('discoverServers', { caseId: record.id, serverId: mbx.id });

    // The unknown host key was shown with its fingerprint before anything else, and trusted by the user.
    expect(app.asked).toEqual([
      expect.objectContaining({
        kind: 'hostKey',
        hostKey: expect.objectContaining({
          host: hostOf(MBX).address,
          fingerprint: hostOf(MBX).hostKeys[0]?.fingerprint,
        }),
      }),
    ]);
    expect(found).toEqual({
      serverId: mbx.id,
      servers: [
        { name: MBX, services: ['logger', 'mailbox', 'stats'], savedServerId: mbx.id, error: null },
        { name: LDAP, services: ['ldap', 'snmp'], savedServerId: null, error: null },
        { name: MTA, services: ['amavis', 'antispam', 'antivirus', 'mta'], savedServerId: null, error: null },
      ],
    });

    const events = app.events.length;
    const added = await call<CallOutput<'addDiscoveredServers'>>('addDiscoveredServers', {
      caseId: record.id,
      fromServerId: mbx.id,
      names: [LDAP, MTA],
    });
    expect(added.alreadySaved).toEqual([]);
    expect(
      added.added.map(({ host, user, port, identityFile, jump, useSudo }) => ({
        host,
        user,
        port,
        identityFile,
        jump,
        useSudo,
      })),
    ).toEqual(
      [LDAP, MTA].map((host) => ({
        host,
        user: 'root',
        port: 22,
        identityFile: hostOf(MBX).clientKeyPath,
        jump: [],
        useSudo: false,
      })),
    );
    expect(app.events.slice(events)).toContainEqual({
      event: 'serversChanged',
      payload: { scope: scopeOf(record.id) },
    });
    expect((await caseServers(record.id)).map((server) => server.host)).toEqual([MBX, LDAP, MTA]);

    const again = await call<CallOutput<'addDiscoveredServers'>>('addDiscoveredServers', {
      caseId: record.id,
      fromServerId: mbx.id,
      names: [LDAP.toUpperCase()],
    });
    expect(again).toEqual({ added: [], alreadySaved: [LDAP.toUpperCase()] });
  }, 60_000);

  it('plans every server: sizes and times per item, the log window, dumps only with consent, the total against free space', async () => {
    const asked = app.asked.length;
    const serverIds = (await caseServers(record.id)).map((server) => server.id);
    request = {
      caseId: record.id,
      serverIds,
      groups: ['zmdiaglog', 'logs', 'commands', 'cores'],
      since: new Date(Date.now() - 3 * DAY_MS).toISOString(),
      zmdiaglogArgs: ['-z'],
    };
    plan = await call<CallOutput<'planCollection'>>('planCollection', request);
    // The two servers met for the first time asked about their keys; the first is trusted already.
    expect(
      app.asked
        .slice(asked)
        .map((prompt) => prompt.kind === 'hostKey' && prompt.hostKey.host)
        .sort(),
    ).toEqual([hostOf(LDAP).address, hostOf(MTA).address].sort());
    expect(plan.collection.hosts.map((host) => [host.target, host.host])).toEqual(
      serverIds.map((id, index) => [id, [MBX, LDAP, MTA][index]]),
    );
    expect(plan.collection.case).toBe('00012345');

    const mbx = itemsOf(plan.collection, MBX);
    expect(mbx.find((item) => item.kind === 'zmdiaglog')).toMatchObject({ status: 'pending' });
    const logs = mbx.filter((item) => item.kind === 'log').map((item) => item.remotePath);
    expect(logs).toContain('/opt/zimbra/log/mailbox.log');
    // Rotated daily, dated the day they cover: the window of three days takes the last few, not the tenth.
    const rotated = logs.filter((file) => file?.startsWith('/opt/zimbra/log/mailbox.log.'));
    expect(rotated.length).toBeGreaterThanOrEqual(2);
    expect(rotated.length).toBeLessThanOrEqual(4);
    for (const item of mbx.filter((entry) => entry.kind === 'log')) {
      expect(item.size).toBeGreaterThan(0);
      expect(item.estimatedSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(mbx.filter((item) => item.kind === 'command').map((item) => item.id)).toContain(
      `${MBX}|command|zmcontrol-status`,
    );
    const dumps = plan.collection.items.filter((item) => item.needsConsent);
    expect(dumps.length).toBeGreaterThanOrEqual(6);
    for (const dump of dumps) expect(dump).toMatchObject({ status: 'skipped', reason: DUMP_CONSENT_REASON });
    expect(plan.totals.fits).toBe(true);
    expect(plan.totals.localFreeBytes).toBeGreaterThan(plan.totals.bytes);
    const pending = plan.collection.items.filter((item) => item.status === 'pending');
    expect(plan.totals.bytes).toBe(pending.reduce((sum, item) => sum + (item.size ?? 0), 0));
  }, 60_000);

  it('collects from the three hosts at once with live progress, the one dump consented to, and the trimmed log left out', async () => {
    const heap = plan.collection.items.find((item) => item.host === MBX && item.kind === 'heap') as CollectItem;
    const trimmed = itemsOf(plan.collection, LDAP).find((item) =>
      item.remotePath?.startsWith('/var/log/zimbra.log.'),
    ) as CollectItem;
    expect(heap.remotePath).toBe('/opt/zimbra/log/java_pid12345.hprof');
    const changes: { at: number; payload: CallOutput<'getCollection'>['collection'] & object; live: number }[] = [];
    const unsubscribe = app.core.subscribe((msg) => {
      if (msg.event === 'collectionChanged' && msg.payload.caseId === record.id) {
        changes.push({ at: Date.now(), payload: msg.payload.collection, live: msg.payload.live.length });
      }
    });
    const started = Date.now();
    const { jobId } = await call<{ jobId: string }>('startCollection', {
      ...request,
      consent: [heap.id],
      exclude: [trimmed.id],
    });
    // One collection per case folder at a time: planning or starting again is refused while it runs.
    for (const name of ['planCollection', 'startCollection']) {
      expect(await app.core.dispatch(name, request)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('A collection of this case is running') },
      });
    }
    const summary = await finished(jobId);
    unsubscribe();
    expect(summary).toMatchObject({ kind: 'collect', caseId: record.id, state: 'succeeded', error: null });
    expect(summary.progress.bytesDone).toBe(summary.progress.bytesTotal);

    const dir = path.join(app.home, 'cases', record.id, 'collection');
    const onDisk = JSON.parse(await readFile(path.join(dir, 'collection.json'), 'utf8')) as Collection;
    const got = await call<CallOutput<'getCollection'>>('getCollection', { caseId: record.id });
    expect(got.collection).toEqual(onDisk);
    expect(got.dir).toBe(dir);
    expect(got.request).toMatchObject({ consent: [heap.id], exclude: [trimmed.id], retryFailed: false });
    expect(onDisk.hosts.map((host) => host.status)).toEqual(['done', 'done', 'done']);

    for (const item of onDisk.items) {
      if (item.id === trimmed.id) expect(item).toMatchObject({ status: 'skipped', reason: LEFT_OUT_BY_USER });
      else if (item.needsConsent && item.id !== heap.id) expect(item).toMatchObject({ status: 'skipped' });
      else {
        expect(item, item.id).toMatchObject({ status: 'ok' });
        if (item.kind !== 'zmdiaglog' || item.localPath?.endsWith('.tar.bz2')) {
          expect(await sha256(path.join(dir, item.localPath as string))).toBe(item.sha256);
        }
      }
    }
    const heapCopy = onDisk.items.find((item) => item.id === heap.id) as CollectItem;
    expect(heapCopy.localPath).toBe(`${MBX}/opt/zimbra/log/java_pid12345.hprof`);
    expect((await stat(path.join(dir, heapCopy.localPath as string))).size).toBe(heapCopy.size);
    expect(heapCopy.size).toBeGreaterThan(4 * 1024 * 1024);
    expect(onDisk.items.find((item) => item.host === MTA && item.kind === 'zmdiaglog')?.localPath).toMatch(
      /^mta01\.example\.test\/zmdiaglog\/zmdiaglog-mta01\.example\.test\.\d{8}-\d{6}\.\d+-[0-9a-f]{32}\.tar\.bz2$/,
    );

    // Pushed as it went, a few a second at most, with running items live; the last one says nothing runs.
    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(changes.some((change) => change.live > 0)).toBe(true);
    const seconds = Math.max(1, (changes.at(-1)!.at - started) / 1000);
    expect(changes.length / seconds).toBeLessThanOrEqual(6);
    expect(changes.at(-1)?.live).toBe(0);
    expect(changes.at(-1)?.payload.items.some((item) => item.status === 'running')).toBe(false);
  }, 120_000);

  it('reports a host that went down while the others finish, and Retry fetches only what failed', async () => {
    const other = await newCase(app.core, 'Queue stuck on mta01');
    const mbx = await addCaseServer(app.core, other.id, hostOf(MBX));
    const mta = await addCaseServer(app.core, other.id, hostOf(MTA));
    const quick = {
      caseId: other.id,
      serverIds: [mbx.id, mta.id],
      groups: ['logs', 'commands'],
      since: new Date(Date.now() - DAY_MS).toISOString(),
    };
    await hostOf(MTA).killSshd();
    let failed: JobSummary;
    try {
      const { jobId } = await call<{ jobId: string }>('startCollection', quick);
      failed = await finished(jobId);
    } finally {
      await hostOf(MTA).restartSshd();
    }
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'CONNECTION_REFUSED', retryable: true } });
    expect(failed.error?.message).toMatch(/^1 of 2 servers could not be collected from \(s-[a-z0-9]+: /);
    expect(failed.error?.message).toContain('Retry the failed items');
    const first = (await call<CallOutput<'getCollection'>>('getCollection', { caseId: other.id }))
      .collection as Collection;
    expect(first.hosts.map((host) => [host.target, host.status, host.error?.code ?? null])).toEqual([
      [mbx.id, 'done', null],
      [mta.id, 'failed', 'CONNECTION_REFUSED'],
    ]);
    const kept = itemsOf(first, MBX);
    expect(kept.every((item) => item.status === 'ok')).toBe(true);
    const dir = path.join(app.home, 'cases', other.id, 'collection');
    const mtimes = await Promise.all(
      kept.map(async (item) => (await stat(path.join(dir, item.localPath as string))).mtimeMs),
    );

    const { jobId } = await call<{ jobId: string }>('startCollection', { ...quick, retryFailed: true });
    expect(await finished(jobId)).toMatchObject({ state: 'succeeded' });
    const second = (await call<CallOutput<'getCollection'>>('getCollection', { caseId: other.id }))
      .collection as Collection;
    expect(second.hosts.map((host) => host.status)).toEqual(['done', 'done']);
    expect(itemsOf(second, MTA).length).toBeGreaterThan(0);
    expect(itemsOf(second, MTA).every((item) => item.status === 'ok')).toBe(true);
    // What the first run collected was not fetched again.
    expect(itemsOf(second, MBX)).toEqual(kept);
    expect(
      await Promise.all(kept.map(async (item) => (await stat(path.join(dir, item.localPath as string))).mtimeMs)),
    ).toEqual(mtimes);
  }, 120_000);

  it('logs in as a sudo user: the sudo password is asked once, checked, and kept in the keychain when the user says so', async () => {
    const third = await newCase(app.core, 'Collect as admin');
    const admin = await addCaseServer(app.core, third.id, hostOf(MBX), { user: 'admin', useSudo: true });
    const asked = app.asked.length;
    app.answer = (prompt) =>
      prompt.kind === 'secret' && prompt.purpose === 'sudo-password'
        ? { kind: 'secret', value: SUDO_PASSWORD, remember: true }
        : trustKeys(prompt);
    try {
      const request3 = {
        caseId: third.id,
        serverIds: [admin.id],
        groups: ['commands'],
        since: new Date(Date.now() - DAY_MS).toISOString(),
      };
      const first = await call<CallOutput<'planCollection'>>('planCollection', request3);
      expect(first.collection.hosts[0]).toMatchObject({ host: MBX, error: null });
      const sudo = app.asked.slice(asked).filter((prompt) => prompt.kind === 'secret');
      expect(sudo).toEqual([
        expect.objectContaining({
          purpose: 'sudo-password',
          subject: `admin@${hostOf(MBX).address}:22`,
          attempt: 1,
          canRemember: true,
        }),
      ]);
      // The Zimbra tools ran as zimbra through sudo: the command items were listed for this host.
      const { jobId } = await call<{ jobId: string }>('startCollection', request3);
      expect(await finished(jobId)).toMatchObject({ state: 'succeeded' });
      // The keychain had it this time: no question.
      expect(app.asked.slice(asked).filter((prompt) => prompt.kind === 'secret')).toHaveLength(1);
      const status = (await call<CallOutput<'getCollection'>>('getCollection', { caseId: third.id }))
        .collection as Collection;
      const zmcontrol = status.items.find((item) => item.id === `${MBX}|command|zmcontrol-status`) as CollectItem;
      expect(zmcontrol.status).toBe('ok');
      const text = await readFile(
        path.join(app.home, 'cases', third.id, 'collection', zmcontrol.localPath as string),
        'utf8',
      );
      expect(text).toContain(`Host ${MBX}`);
    } finally {
      app.answer = trustKeys;
    }
  }, 120_000);
});
