import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import {
  growLog,
  makeCollectCliKit,
  readJournal,
  sha256Of,
  sizeOf,
  target,
  waitFor,
  type CollectCliKit,
} from './collect-cli-support';

// A host that goes away in the middle of `casekit collect` (every packet
// dropped: no reset, no refusal, as when a server or its network dies): the
// other hosts finish, the run says which host and what is missing (exit 3),
// and once the host is back the same command completes it without fetching
// again what it already has.

let hosts: TestZimbraHost[] = [];
let kit: CollectCliKit;
const BIG = '/opt/zimbra/log/audit.log';

beforeAll(async () => {
  kit = await makeCollectCliKit();
  hosts = await startZimbraHosts([
    { hostname: 'mbx01.example.test', days: 2 },
    { hostname: 'mbx02.example.test', days: 2 },
    { hostname: 'mta01.example.test', days: 2 },
  ]);
  await kit.trust(hosts);
  await growLog(hosts[1] as TestZimbraHost, BIG, 400 * 1024 * 1024);
}, 60_000);
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  await kit.remove();
});

describe('casekit collect with a host going down', () => {
  it('finishes the other hosts, reports the lost one (exit 3), and a re-run completes only what is missing', async () => {
    const [, down] = hosts as [TestZimbraHost, TestZimbraHost, TestZimbraHost];
    const out = path.join(kit.dir, 'down');
    const part = path.join(out, down.hostname, `${BIG}.part`);
    const run = kit.collect(hosts, out, '--items', 'logs,commands');
    await waitFor('the large log to be on its way', async () => (await sizeOf(part)) > 0);
    down.down();
    const first = await run;
    expect(first.stderr).not.toContain('unexpected');
    expect(first.code).toBe(3);
    const journal = await readJournal(out);
    expect(journal.hosts.map((host) => host.status)).toEqual(['done', 'partial', 'done']);
    const lost = journal.items.filter((item) => item.status !== 'ok');
    expect(lost.length).toBeGreaterThan(0);
    for (const item of lost) {
      expect(item).toMatchObject({ host: down.hostname, status: 'failed', errorCode: 'CONNECTION_LOST' });
      expect(item.reason).toContain(`The connection to ${target(down)} was lost`);
      expect(item.reason).toContain('run the collection again when the server is reachable');
    }
    expect(lost.map((item) => item.remotePath)).toContain(BIG);
    expect(first.stderr).toMatch(/^Failed \(run the same command again to retry them; finished items are kept\):$/m);
    expect(first.stderr).toContain(`${down.hostname}: ${BIG}: The connection to ${target(down)} was lost`);
    const finished = new Map(journal.items.filter((item) => item.status === 'ok').map((item) => [item.id, item]));

    down.up();
    const second = await kit.collect(hosts, out, '--items', 'logs,commands');
    expect(second.code).toBe(0);
    const after = await readJournal(out);
    expect(after.items.every((item) => item.status === 'ok')).toBe(true);
    expect(after.hosts.map((host) => host.status)).toEqual(['done', 'done', 'done']);
    // nothing finished in the first run was fetched again
    for (const item of after.items.filter((entry) => finished.has(entry.id))) {
      expect(item.finishedAt).toBe(finished.get(item.id)?.finishedAt);
    }
    expect(await sha256Of(path.join(out, down.hostname, BIG))).toBe(await sha256Of(down.localPathOf(BIG)));
  }, 90_000);
});
