import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../electron/core/remote/servers/connection-tester-fixture';
import type { CallOutput } from '../../electron/shared/api-contract';
import type { CollectItem, Collection } from '../../electron/shared/collect-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { addCaseServer, data, makeCollectApp, newCase, type CollectApp } from './collect-app-support';

let hosts: TestZimbraHost[] = [];
let app: CollectApp;

beforeAll(async () => {
  hosts = await startZimbraHosts([
    // zmdiaglog takes its time here: the app stops while it runs.
    { hostname: 'mbx01.example.test', services: ['mailbox', 'logger'], zmdiaglog: { mode: 'slow', slowSeconds: 8 } },
    { hostname: 'mta01.example.test', services: ['mta', 'amavis'] },
  ]);
  app = await makeCollectApp(hosts);
}, 30_000);
afterAll(async () => {
  await app?.remove();
  await Promise.all(hosts.map((host) => host.stop()));
});

it('a restarted app resumes an interrupted collect job without fetching finished items again', async () => {
  const record = await newCase(app.core, 'Restart while collecting');
  const servers = [];
  for (const host of hosts) servers.push(await addCaseServer(app.core, record.id, host));
  let collection: Collection | null = null;
  app.core.subscribe((msg) => {
    if (msg.event === 'collectionChanged' && msg.payload.caseId === record.id) collection = msg.payload.collection;
  });
  const { jobId } = data<{ jobId: string }>(
    await app.core.dispatch('startCollection', {
      caseId: record.id,
      serverIds: servers.map((server) => server.id),
      groups: ['zmdiaglog', 'logs', 'commands'],
      since: new Date(Date.now() - 2 * 24 * 3600_000).toISOString(),
    }),
  );
  // mta01 finishes while mbx01's zmdiaglog is still at work.
  const done = (c: Collection | null) => (c?.items ?? []).filter((item) => item.status === 'ok');
  await until(
    () => done(collection).some((item) => item.host === 'mta01.example.test' && item.kind === 'zmdiaglog'),
    'mta01 to give its zmdiaglog',
    60_000,
  );
  const before = done(collection);
  expect(app.core.jobs.get(jobId).state).toBe('running');
  const dir = path.join(app.home, 'cases', record.id, 'collection');
  const mtime = (item: CollectItem) => stat(path.join(dir, item.localPath as string)).then((s) => s.mtimeMs);
  const mtimes = await Promise.all(before.map(mtime));

  // The app stops (the job is left interrupted) and starts again on the same data folder.
  const core = await app.restart();
  expect(core.jobs.get(jobId).state).toBe('interrupted');
  expect((await core.jobs.resumeInterrupted()).map((job) => job.id)).toEqual([jobId]);
  expect(await core.jobs.waitFor(jobId)).toMatchObject({ state: 'succeeded', error: null });

  const after = data<CallOutput<'getCollection'>>(await core.dispatch('getCollection', { caseId: record.id }))
    .collection as Collection;
  expect(after.items.every((item) => item.status === 'ok')).toBe(true);
  expect(after.items.filter((item) => item.host === 'mbx01.example.test' && item.kind === 'zmdiaglog')).toHaveLength(1);
  // Finished before the restart: the same record, the same file, not fetched again.
  for (const item of before) expect(after.items.find((entry) => entry.id === item.id)).toEqual(item);
  expect(await Promise.all(before.map(mtime))).toEqual(mtimes);
}, 120_000);
