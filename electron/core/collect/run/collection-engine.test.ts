import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionSchema, type Collection } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { caught } from '../../testing/caught';
import type { CollectProgress } from './collection-types';
import { makeEngineKit, type EngineKit } from './engine-test-kit';
import { readCollection, runCollection } from './index';

let kit: EngineKit;
afterEach(() => kit.remove());

const three = {
  'root@a': { hostname: 'mbx01.example.com', files: { 'mailbox.log': 'aaaa', 'audit.log': 'bb' } },
  'root@b': { hostname: 'mbx02.example.com', files: { 'mailbox.log': 'cccccc' } },
  'root@c': { hostname: 'mta01.example.com', files: { 'zimbra.log': 'ddd', 'nginx.log': 'e' } },
};

const statuses = (collection: Collection) => Object.fromEntries(collection.items.map((item) => [item.id, item.status]));

async function journal(): Promise<Collection> {
  const text = await readFile(path.join(kit.outDir, 'collection.json'), 'utf8');
  return collectionSchema.parse(JSON.parse(text));
}

describe('runCollection', () => {
  it('collects every host into one journal that matches the schema, with progress summed over hosts', async () => {
    kit = await makeEngineKit(three);
    const progress: CollectProgress[] = [];
    const collection = await runCollection(kit.request(), {
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    expect(collection.hosts.map((host) => [host.target, host.host, host.status])).toEqual([
      ['root@a', 'mbx01.example.com', 'done'],
      ['root@b', 'mbx02.example.com', 'done'],
      ['root@c', 'mta01.example.com', 'done'],
    ]);
    expect(collection.items.every((item) => item.status === 'ok' && item.sha256 !== null)).toBe(true);
    expect(await readFile(path.join(kit.outDir, 'mbx02.example.com/mailbox.log'), 'utf8')).toBe('cccccc');
    expect(await journal()).toEqual(collection);
    expect(await readCollection(kit.outDir)).toEqual(collection);
    expect(progress.at(-1)).toMatchObject({ bytesDone: 16, bytesTotal: 16, itemsDone: 5, itemsTotal: 5 });
    expect(progress.some((p) => p.current?.startsWith('mta01.example.com: ') === true)).toBe(true);
  });

  it('works on no more hosts at once than the concurrency', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`h${i}`, { hostname: `h${i}.example.com`, files: { 'a.log': 'x' } }]),
    );
    kit = await makeEngineKit(many);
    await runCollection(kit.request({ concurrency: 2 }), { signal: new AbortController().signal });
    expect(kit.connected).toHaveLength(6);
    expect(kit.peakOpen).toBe(2);
  });

  it("runs a host's commands beside its copies, one of each at a time", async () => {
    kit = await makeEngineKit({
      'root@a': {
        hostname: 'mbx01.example.com',
        files: { 'mailbox.log': 'aaaa', 'audit.log': 'bb', 'sync.log': 'c' },
        commands: { 'zmcontrol-v': 'Release 10', uptime: 'up 3 days', 'df-h': '/dev/sda1' },
      },
    });
    const held = kit.hold('mailbox.log');
    const run = runCollection(kit.request(), { signal: new AbortController().signal });
    await held.reached;
    // while the first log is held, every command ran
    await expect.poll(() => kit.ran.filter((id) => id.includes('|command|')).length).toBe(3);
    held.resolve();
    const collection = await run;
    expect(collection.items.every((item) => item.status === 'ok')).toBe(true);
    expect(kit.peakRunning).toEqual({ command: 1, log: 1 });
    expect(await readFile(path.join(kit.outDir, 'mbx01.example.com/commands/uptime.txt'), 'utf8')).toBe('up 3 days');
  });

  it('fails what a host left when its time is up, while the other hosts finish', async () => {
    kit = await makeEngineKit(three);
    kit.hold('audit.log');
    const collection = await runCollection(kit.request({ hostTimeoutMs: 400 }), {
      signal: new AbortController().signal,
    });
    const audit = collection.items.find((item) => item.id === 'mbx01.example.com|log|audit.log');
    expect(audit).toMatchObject({ status: 'failed', errorCode: 'COMMAND_TIMEOUT' });
    expect(audit?.reason).toMatch(/^Collecting from root@a took longer than the 400 ms allowed per host/);
    expect(collection.hosts.find((host) => host.target === 'root@a')?.status).toBe('partial');
    expect(collection.hosts.filter((host) => host.status === 'done')).toHaveLength(2);
  });

  it('fails the rest of a host whose connection drops, says so, and the others finish', async () => {
    kit = await makeEngineKit({
      'root@a': { hostname: 'mbx01.example.com', files: { 'one.log': '1', 'two.log': '2', 'three.log': '3' } },
      'root@b': { hostname: 'mbx02.example.com', files: { 'mailbox.log': 'cccccc' } },
    });
    const held = kit.hold('two.log');
    const run = runCollection(kit.request(), { signal: new AbortController().signal });
    await held.reached;
    kit.drop('root@a');
    const collection = await run;
    expect(statuses(collection)).toEqual({
      'mbx01.example.com|log|one.log': 'ok',
      'mbx01.example.com|log|two.log': 'failed',
      'mbx01.example.com|log|three.log': 'failed',
      'mbx02.example.com|log|mailbox.log': 'ok',
    });
    const three = collection.items.find((item) => item.id.endsWith('three.log'));
    expect(three?.errorCode).toBe('CONNECTION_LOST');
    expect(three?.reason).toMatch(
      /connection to root@a was lost.*run the collection again when the server is reachable/,
    );
    expect(collection.hosts[0]).toMatchObject({ status: 'partial', error: { code: 'CONNECTION_LOST' } });
  });

  it('after a command timed out, fails the host as lost when the connection does not answer a check either', async () => {
    const quiet = { hostname: 'mbx01.example.com', files: { 'one.log': '1', 'two.log': '2' }, silent: true };
    kit = await makeEngineKit({
      'root@a': quiet,
      'root@b': { hostname: 'mbx02.example.com', files: { 'x.log': 'x' } },
    });
    kit.failOnce('one.log', new CasekitError('COMMAND_TIMEOUT', '"id -u zimbra" did not finish within 15 s.'));
    const collection = await runCollection(kit.request({ concurrency: 1, connectionCheckMs: 200 }), {
      signal: new AbortController().signal,
    });
    const mine = collection.items.filter((item) => item.host === 'mbx01.example.com');
    expect(mine.map((item) => [item.status, item.errorCode])).toEqual([
      ['failed', 'CONNECTION_LOST'],
      ['failed', 'CONNECTION_LOST'],
    ]);
    expect(mine[0]?.reason).toMatch(/connection to root@a was lost .*stopped answering.*within 200 ms/);
    expect(collection.hosts.map((host) => host.status)).toEqual(['failed', 'done']);
  });

  it("keeps a command's own timeout when the connection still answers, and goes on", async () => {
    kit = await makeEngineKit({
      'root@a': { hostname: 'mbx01.example.com', files: { 'one.log': '1', 'two.log': '2' } },
    });
    kit.failOnce('one.log', new CasekitError('COMMAND_TIMEOUT', 'zmcontrol status did not finish within 300 s.'));
    const collection = await runCollection(kit.request({ connectionCheckMs: 200 }), {
      signal: new AbortController().signal,
    });
    expect(collection.items.map((item) => [item.status, item.errorCode])).toEqual([
      ['failed', 'COMMAND_TIMEOUT'],
      ['ok', null],
    ]);
    expect(collection.hosts[0]?.status).toBe('partial');
  });

  it('records a host it cannot reach and collects from the others', async () => {
    kit = await makeEngineKit({
      ...three,
      'root@down': {
        hostname: 'x',
        files: {},
        refuse: new CasekitError('CONNECTION_REFUSED', 'root@down refused the connection.'),
      },
    });
    const collection = await runCollection(kit.request(), { signal: new AbortController().signal });
    expect(collection.hosts.at(-1)).toMatchObject({
      target: 'root@down',
      host: null,
      status: 'failed',
      error: { code: 'CONNECTION_REFUSED', message: 'root@down refused the connection.' },
    });
    expect(collection.items.every((item) => item.status === 'ok')).toBe(true);
  });

  it('refuses two targets that are the same server', async () => {
    kit = await makeEngineKit({
      'root@a': three['root@a'],
      'admin@a-again': three['root@a'],
    });
    const collection = await runCollection(kit.request({ concurrency: 1 }), { signal: new AbortController().signal });
    expect(collection.hosts[1]).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } });
    expect(collection.hosts[1]?.error?.message).toMatch(/admin@a-again and root@a are the same server/);
    expect(collection.items).toHaveLength(2);
  });

  it('stops at once on cancel, leaves nothing running, and the next run fetches only what was left', async () => {
    kit = await makeEngineKit(three);
    const held = kit.hold('audit.log');
    const controller = new AbortController();
    const run = runCollection(kit.request({ concurrency: 1 }), { signal: controller.signal });
    await held.reached;
    const started = Date.now();
    controller.abort();
    expect((await caught(run)).code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(1000);
    const after = await journal();
    expect(statuses(after)).toEqual({
      'mbx01.example.com|log|mailbox.log': 'ok',
      'mbx01.example.com|log|audit.log': 'pending',
    });
    expect(after.hosts.map((host) => host.status)).toEqual(['pending', 'pending', 'pending']);

    kit.ran.length = 0;
    const done = await runCollection(kit.request({ concurrency: 1 }), { signal: new AbortController().signal });
    expect(done.items.every((item) => item.status === 'ok')).toBe(true);
    expect(kit.ran).not.toContain('mbx01.example.com|log|mailbox.log');
    expect(kit.ran).toHaveLength(4);
  });

  it('rejects a bad request before connecting anywhere', async () => {
    kit = await makeEngineKit(three);
    const signal = new AbortController().signal;
    expect((await caught(runCollection(kit.request({ targets: [] }), { signal }))).code).toBe('INVALID_INPUT');
    expect((await caught(runCollection(kit.request({ concurrency: 0 }), { signal }))).code).toBe('INVALID_INPUT');
    expect(kit.connected).toEqual([]);
  });
});
