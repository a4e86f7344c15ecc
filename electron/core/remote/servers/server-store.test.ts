import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../cases/case-store';
import { caught } from '../../testing/caught';
import { useStoreFixture } from '../../testing/store-fixture';
import { ServerStore } from './server-store';

const fixture = useStoreFixture((home, clock) => {
  const cases = new CaseStore({ home, now: clock.now });
  let n = 0;
  const newId = () => `s-test${String(++n).padStart(8, '0')}`;
  return { cases, servers: new ServerStore({ home, cases, now: clock.now, newId }) };
});

const GLOBAL = { kind: 'global' } as const;
const mbx = { host: 'mbx01.example.com', user: 'root' };

describe('ServerStore', () => {
  it('adds, lists, edits and deletes global servers in <home>/servers.json, with defaults filled in', async () => {
    const { servers } = fixture.store;
    expect(await servers.list(GLOBAL)).toEqual([]);

    const added = await servers.save(GLOBAL, null, { ...mbx, jump: ['admin@bastion:2222'] });
    expect(added).toEqual({
      id: 's-test00000001',
      label: '',
      host: 'mbx01.example.com',
      port: null,
      user: 'root',
      identityFile: null,
      jump: ['admin@bastion:2222'],
      useSudo: false,
      legacyAlgorithms: false,
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    const second = await servers.save(GLOBAL, null, { host: 'mta01' });

    fixture.clock.advance(60_000);
    const edited = await servers.save(GLOBAL, added.id, { ...mbx, port: 2222, label: 'Mailbox 1' });
    expect(edited).toMatchObject({ id: added.id, port: 2222, jump: [], createdAt: added.createdAt });
    expect(edited.updatedAt).toBe('2025-03-01T10:01:00.000Z');
    // Editing keeps a server in its place.
    expect((await servers.list(GLOBAL)).map((s) => s.id)).toEqual([added.id, second.id]);

    const onDisk = JSON.parse(await fs.readFile(path.join(fixture.home, 'servers.json'), 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: 1, servers: [{ id: added.id }, { id: second.id }] });
    expect((await fs.stat(path.join(fixture.home, 'servers.json'))).mode & 0o777).toBe(0o600);

    await servers.delete(GLOBAL, added.id);
    expect((await servers.list(GLOBAL)).map((s) => s.id)).toEqual([second.id]);
  });

  it('keeps each case its own list beside case.json, apart from the global one', async () => {
    const { cases, servers } = fixture.store;
    const one = await cases.create({ title: 'one' });
    const two = await cases.create({ title: 'two' });
    const scope = { kind: 'case', caseId: one.id } as const;

    const added = await servers.save(scope, null, mbx);
    expect(await servers.list(scope)).toEqual([added]);
    expect(await servers.list({ kind: 'case', caseId: two.id })).toEqual([]);
    expect(await servers.list(GLOBAL)).toEqual([]);
    await expect(fs.access(path.join(fixture.home, 'cases', one.id, 'servers.json'))).resolves.toBeUndefined();

    // Deleting the case takes its servers with it.
    await cases.delete(one.id);
    expect((await caught(servers.list(scope))).code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a case that does not exist, and creates no folder for it', async () => {
    const { servers } = fixture.store;
    const scope = { kind: 'case', caseId: 'c-20250301-missing1' } as const;
    // Thunks, so that no rejection sits unobserved while an earlier one is awaited.
    for (const attempt of [() => servers.list(scope), () => servers.save(scope, null, mbx)]) {
      expect(await caught(attempt())).toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(fs.access(path.join(fixture.home, 'cases', 'c-20250301-missing1'))).rejects.toThrow();
    expect((await caught(servers.list({ kind: 'case', caseId: '../../etc' }))).code).toBe('INVALID_INPUT');
  });

  it('answers NOT_FOUND for an unknown server id, and INVALID_INPUT for a malformed one', async () => {
    const { servers } = fixture.store;
    await servers.save(GLOBAL, null, mbx);
    for (const attempt of [
      () => servers.get(GLOBAL, 's-unknown0001'),
      () => servers.save(GLOBAL, 's-unknown0001', mbx),
      () => servers.delete(GLOBAL, 's-unknown0001'),
    ]) {
      expect(await caught(attempt())).toMatchObject({ code: 'NOT_FOUND', message: /no server with id s-unknown0001/ });
    }
    expect((await caught(servers.get(GLOBAL, '../x'))).code).toBe('INVALID_INPUT');
  });

  it('validates what it saves', async () => {
    const { servers } = fixture.store;
    const bad = await caught(servers.save(GLOBAL, null, { host: 'mbx 01; rm -rf /' }));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: /^server\.host: A host is a name/ });
    expect((await caught(servers.save(GLOBAL, null, { host: 'mbx', jump: ['not a host'] }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(await servers.list(GLOBAL)).toEqual([]);
  });

  it('never overwrites a damaged or newer list, and says which file and why', async () => {
    const { servers } = fixture.store;
    const file = path.join(fixture.home, 'servers.json');
    for (const content of ['{"schemaVersion": 1, "servers": [', '{"schemaVersion": 9, "servers": []}']) {
      await fs.writeFile(file, content);
      const error = await caught(servers.save(GLOBAL, null, mbx));
      expect(error).toMatchObject({ code: 'IO_ERROR', retryable: false, message: expect.stringContaining(file) });
      expect((await caught(servers.list(GLOBAL))).message).toMatch(/left it untouched/);
      expect(await fs.readFile(file, 'utf8')).toBe(content);
    }
  });

  it('loses no server when two are added at once', async () => {
    const { servers } = fixture.store;
    await Promise.all(Array.from({ length: 5 }, (_, i) => servers.save(GLOBAL, null, { host: `mbx0${i}` })));
    expect((await servers.list(GLOBAL)).map((s) => s.host).sort()).toEqual([
      'mbx00',
      'mbx01',
      'mbx02',
      'mbx03',
      'mbx04',
    ]);
  });
});
