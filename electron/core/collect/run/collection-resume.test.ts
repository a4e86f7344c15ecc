import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { makeEngineKit, type EngineKit } from './engine-test-kit';
import { LEFT_OUT_BY_USER, planCollection, readCollection, runCollection } from './index';

let kit: EngineKit;
afterEach(() => kit.remove());

const signal = () => new AbortController().signal;
const two = {
  'root@a': { hostname: 'mbx01.example.com', files: { 'mailbox.log': 'aaaa', 'audit.log': 'bb' } },
  'root@b': { hostname: 'mbx02.example.com', files: { 'mailbox.log': 'cccccc' } },
};

describe('planCollection', () => {
  it('lists every host in the journal, pending, with what is left against free space', async () => {
    kit = await makeEngineKit(two);
    const { collection, totals } = await planCollection(kit.request(), { signal: signal() });
    expect(collection.items.map((item) => item.status)).toEqual(['pending', 'pending', 'pending']);
    expect(collection.hosts.map((host) => host.host)).toEqual(['mbx01.example.com', 'mbx02.example.com']);
    expect(totals.bytes).toBe(12);
    // hosts run side by side: the longer host's items, not the sum
    expect(totals.seconds).toBeCloseTo(0.006);
    expect(totals.localFreeBytes).toBeGreaterThan(0);
    expect(totals.fits).toBe(true);
    expect(await readCollection(kit.outDir)).toEqual(collection);
    expect(kit.ran).toEqual([]);
  });

  it('keeps what an earlier run finished, and only that still on disk as it was', async () => {
    kit = await makeEngineKit(two);
    await runCollection(kit.request(), { signal: signal() });
    await writeFile(path.join(kit.outDir, 'mbx01.example.com/audit.log'), 'XX');
    const { collection, totals } = await planCollection(kit.request(), { signal: signal() });
    expect(collection.items.map((item) => [item.id, item.status])).toEqual([
      ['mbx01.example.com|log|mailbox.log', 'ok'],
      ['mbx01.example.com|log|audit.log', 'pending'],
      ['mbx02.example.com|log|mailbox.log', 'ok'],
    ]);
    expect(totals.bytes).toBe(2);
    expect(collection.hosts.map((host) => host.status)).toEqual(['pending', 'done']);
  });
});

describe('runCollection resuming from its journal', () => {
  it('fetches again only items whose copy is gone or changed', async () => {
    kit = await makeEngineKit(two);
    await runCollection(kit.request(), { signal: signal() });
    await writeFile(path.join(kit.outDir, 'mbx02.example.com/mailbox.log'), 'cccccX');
    kit.ran.length = 0;
    const collection = await runCollection(kit.request(), { signal: signal() });
    expect(kit.ran).toEqual(['mbx02.example.com|log|mailbox.log']);
    expect(collection.items.every((item) => item.status === 'ok')).toBe(true);
  });

  it('takes items left out by the user as skipped, with the reason, and never runs them', async () => {
    kit = await makeEngineKit(two);
    const exclude = new Set(['mbx01.example.com|log|audit.log']);
    const collection = await runCollection(kit.request({ exclude }), { signal: signal() });
    expect(kit.ran).not.toContain('mbx01.example.com|log|audit.log');
    expect(collection.items[1]).toMatchObject({ status: 'skipped', reason: LEFT_OUT_BY_USER });
    expect(collection.hosts.map((host) => host.status)).toEqual(['done', 'done']);
  });

  it('retries only what failed, adding nothing the servers list since', async () => {
    kit = await makeEngineKit(two);
    kit.failOnce('audit.log', new CasekitError('REMOTE_FILE_CHANGED', 'audit.log changed while it was copied.'));
    const first = await runCollection(kit.request(), { signal: signal() });
    expect(first.items[1]).toMatchObject({ status: 'failed', errorCode: 'REMOTE_FILE_CHANGED' });
    expect(first.hosts[0]?.status).toBe('partial');

    kit.hosts.set('root@b', { hostname: 'mbx02.example.com', files: { 'mailbox.log': 'cccccc', 'new.log': 'n' } });
    kit.ran.length = 0;
    const retried = await runCollection(kit.request({ retryFailed: true }), { signal: signal() });
    expect(kit.ran).toEqual(['mbx01.example.com|log|audit.log']);
    expect(retried.items.map((item) => item.status)).toEqual(['ok', 'ok', 'ok']);
    expect(retried.hosts.map((host) => host.status)).toEqual(['done', 'done']);

    kit.ran.length = 0;
    await runCollection(kit.request(), { signal: signal() });
    expect(kit.ran).toEqual(['mbx02.example.com|log|new.log']);
  });

  it('treats items a killed run left running as not done', async () => {
    kit = await makeEngineKit(two);
    const collection = await runCollection(kit.request(), { signal: signal() });
    const killed = {
      ...collection,
      items: collection.items.map((item, index) =>
        index === 0 ? { ...item, status: 'running', localPath: null, sha256: null } : item,
      ),
    };
    await writeFile(path.join(kit.outDir, 'collection.json'), JSON.stringify(killed));
    kit.ran.length = 0;
    await runCollection(kit.request(), { signal: signal() });
    expect(kit.ran).toEqual(['mbx01.example.com|log|mailbox.log']);
  });

  it('will not overwrite a journal it cannot read', async () => {
    kit = await makeEngineKit(two);
    await writeFile(path.join(kit.outDir, 'collection.json'), '{"schemaVersion": 1, "items": 3}');
    await expect(runCollection(kit.request(), { signal: signal() })).rejects.toThrow(/will not overwrite it/);
  });
});
