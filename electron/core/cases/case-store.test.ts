import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseIdSchema } from '../../shared/case-schemas';
import { caught } from '../testing/caught';
import { plantCase } from '../testing/plant-case';
import { useCaseStoreFixture } from '../testing/store-fixture';
import { CASE_SCHEMA_VERSION, CaseStore } from './case-store';

const fixture = useCaseStoreFixture();
const { caseFile } = fixture;

describe('CaseStore.create', () => {
  it('writes a versioned case.json in a folder named after a fresh id', async () => {
    const record = await fixture.store.create({
      title: '  Mail stuck in queue  ',
      caseNumber: '00012345',
      vendor: 'zimbra',
    });
    expect(record).toEqual({
      id: expect.stringMatching(/^c-20250301-[a-z2-7]{8}$/),
      title: 'Mail stuck in queue',
      vendor: 'zimbra',
      caseNumber: '00012345',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(caseIdSchema.safeParse(record.id).success).toBe(true);
    const onDisk = JSON.parse(await fs.readFile(caseFile(record.id), 'utf8'));
    expect(onDisk).toEqual({ schemaVersion: CASE_SCHEMA_VERSION, ...record });
    expect((await fs.stat(caseFile(record.id))).mode & 0o777).toBe(0o600);
  });

  it('defaults to no case number and the zimbra vendor', async () => {
    const record = await fixture.store.create({ title: 'x' });
    expect(record).toMatchObject({ caseNumber: null, vendor: 'zimbra' });
  });

  it('rejects a bad title or case number without creating anything', async () => {
    expect(await caught(fixture.store.create({ title: '   ' }))).toMatchObject({ code: 'INVALID_INPUT' });
    const err = await caught(fixture.store.create({ title: 'x', caseNumber: '1234' }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe(
      'caseNumber: A case number is exactly 8 digits, for example 00012345. Correct it and try again.',
    );
    await expect(fs.readdir(path.join(fixture.home, 'cases'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never reuses the folder of an existing case', async () => {
    const ids = ['c-20250301-aaaaaaaa', 'c-20250301-aaaaaaaa', 'c-20250301-bbbbbbbb'];
    const seq = new CaseStore({
      home: fixture.home,
      now: fixture.clock.now,
      newId: () => ids.shift() ?? 'c-20250301-zzzzzzzz',
    });
    const first = await seq.create({ title: 'first' });
    const second = await seq.create({ title: 'second' });
    expect([first.id, second.id]).toEqual(['c-20250301-aaaaaaaa', 'c-20250301-bbbbbbbb']);
    expect((await seq.get(first.id)).title).toBe('first');
  });

  it('gives up with IO_ERROR when every id it draws is taken', async () => {
    const stuck = new CaseStore({ home: fixture.home, now: fixture.clock.now, newId: () => 'c-20250301-aaaaaaaa' });
    await stuck.create({ title: 'first' });
    const err = await caught(stuck.create({ title: 'second' }));
    expect(err.code).toBe('IO_ERROR');
    expect((await stuck.get('c-20250301-aaaaaaaa')).title).toBe('first');
  });

  it('refuses an id generator that produces an invalid id', async () => {
    const broken = new CaseStore({ home: fixture.home, newId: () => '../escape' });
    expect(await caught(broken.create({ title: 'x' }))).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('CaseStore.get', () => {
  it('reads back what create wrote', async () => {
    const record = await fixture.store.create({ title: 'a' });
    expect(await fixture.store.get(record.id)).toEqual(record);
  });

  it('reports an unknown id as NOT_FOUND and a malformed one as INVALID_INPUT', async () => {
    const missing = await caught(fixture.store.get('c-20250301-nothere1'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('refresh the case list');
    expect(await caught(fixture.store.get('../../etc'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports invalid JSON as CASE_CORRUPT with the file, the line and what to do', async () => {
    const file = await plantCase(fixture.home, 'c-20250301-broken01', '{\n  "schemaVersion": 1,\n  "title": ,\n}\n');
    const err = await caught(fixture.store.get('c-20250301-broken01'));
    expect(err.code).toBe('CASE_CORRUPT');
    expect(err.message).toMatch(
      new RegExp(
        `^The case file ${file} is not valid JSON \\(Unexpected token .* at line 3, column 12\\)\\. Casekit left it untouched: restore it from a backup or fix it by hand, then reopen the case\\.$`,
      ),
    );
  });

  it('reports a file from a newer Casekit with both versions and the way out', async () => {
    const file = await plantCase(
      fixture.home,
      'c-20250301-future01',
      JSON.stringify({ schemaVersion: 3, id: 'c-20250301-future01' }),
    );
    const err = await caught(fixture.store.get('c-20250301-future01'));
    expect(err.code).toBe('CASE_FROM_NEWER_VERSION');
    expect(err.message).toBe(
      `The case file ${file} was written by a newer Casekit (format version 3; this Casekit understands version 1). ` +
        'Casekit left it untouched: update Casekit to open this case.',
    );
  });

  it('treats a case.json that names another case as corrupt', async () => {
    const other = await fixture.store.create({ title: 'other' });
    const text = await fs.readFile(caseFile(other.id), 'utf8');
    await plantCase(fixture.home, 'c-20250301-copied01', text);
    const err = await caught(fixture.store.get('c-20250301-copied01'));
    expect(err.code).toBe('CASE_CORRUPT');
    expect(err.message).toContain(`says it belongs to case ${other.id}`);
  });
});

describe('CaseStore.list', () => {
  it('lists cases by last change, newest first', async () => {
    const a = await fixture.store.create({ title: 'a' });
    fixture.clock.advance(1000);
    const b = await fixture.store.create({ title: 'b' });
    fixture.clock.advance(1000);
    await fixture.store.rename(a.id, 'a again');
    const { cases, problems } = await fixture.store.list();
    expect(cases.map((c) => [c.id, c.title])).toEqual([
      [a.id, 'a again'],
      [b.id, 'b'],
    ]);
    expect(problems).toEqual([]);
  });

  it('is empty before the first case exists', async () => {
    expect(await fixture.store.list()).toEqual({ cases: [], problems: [] });
  });

  it('shows every unreadable folder as a problem and still lists the rest', async () => {
    const good = await fixture.store.create({ title: 'good' });
    await plantCase(fixture.home, 'c-20250301-broken01', 'not json');
    await plantCase(fixture.home, 'c-20250301-future01', JSON.stringify({ schemaVersion: 9 }));
    await fs.mkdir(path.join(fixture.home, 'cases', 'c-20250301-empty001'));
    // Not cases at all: a stray file, a temp folder and a foreign folder are ignored.
    await fs.writeFile(path.join(fixture.home, 'cases', '.DS_Store'), '');
    await fs.mkdir(path.join(fixture.home, 'cases', '.tmp-123'));
    await fs.mkdir(path.join(fixture.home, 'cases', 'Not A Case'));

    const { cases, problems } = await fixture.store.list();
    expect(cases.map((c) => c.id)).toEqual([good.id]);
    expect(problems.map((p) => [p.id, p.code])).toEqual([
      ['c-20250301-broken01', 'CASE_CORRUPT'],
      ['c-20250301-empty001', 'CASE_CORRUPT'],
      ['c-20250301-future01', 'CASE_FROM_NEWER_VERSION'],
    ]);
    expect(problems[0]).toMatchObject({
      folder: path.join(fixture.home, 'cases', 'c-20250301-broken01'),
      message: expect.stringContaining('is not valid JSON'),
    });
    expect(problems[1]?.message).toContain('has no case.json');
  });

  it('reports a case.json it cannot read as IO_ERROR', async () => {
    // A folder where the file should be fails to read for every user, root included (EISDIR).
    await fs.mkdir(caseFile('c-20250301-locked01'), { recursive: true });
    const { problems } = await fixture.store.list();
    expect(problems).toEqual([
      expect.objectContaining({
        id: 'c-20250301-locked01',
        code: 'IO_ERROR',
        message: expect.stringContaining('EISDIR'),
      }),
    ]);
    expect(await caught(fixture.store.get('c-20250301-locked01'))).toMatchObject({ code: 'IO_ERROR', retryable: true });
  });
});
