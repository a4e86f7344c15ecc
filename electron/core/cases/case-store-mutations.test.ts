import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caught } from '../testing/caught';
import { plantCase } from '../testing/plant-case';
import { useCaseStoreFixture } from '../testing/store-fixture';

const fixture = useCaseStoreFixture();
const { caseFile } = fixture;

describe('CaseStore.rename and setCaseNumber', () => {
  it('change the case and its updatedAt, and persist', async () => {
    const record = await fixture.store.create({ title: 'old' });
    fixture.clock.advance(60_000);
    const renamed = await fixture.store.rename(record.id, '  new title ');
    expect(renamed).toMatchObject({
      title: 'new title',
      createdAt: record.createdAt,
      updatedAt: '2025-03-01T10:01:00.000Z',
    });
    const numbered = await fixture.store.setCaseNumber(record.id, '00000042');
    expect(numbered.caseNumber).toBe('00000042');
    expect(await fixture.store.get(record.id)).toEqual(numbered);
    expect((await fixture.store.setCaseNumber(record.id, null)).caseNumber).toBeNull();
  });

  it('validate their input', async () => {
    const record = await fixture.store.create({ title: 'old' });
    expect(await caught(fixture.store.rename(record.id, ''))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await caught(fixture.store.setCaseNumber(record.id, '1234'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await caught(fixture.store.rename('c-20250301-nothere1', 'x'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keep both of two concurrent changes', async () => {
    const record = await fixture.store.create({ title: 'old' });
    await Promise.all([fixture.store.rename(record.id, 'renamed'), fixture.store.setCaseNumber(record.id, '00000001')]);
    expect(await fixture.store.get(record.id)).toMatchObject({ title: 'renamed', caseNumber: '00000001' });
  });

  it.each([
    ['corrupt', '{ "schemaVersion": 1, "title": ', 'CASE_CORRUPT'],
    ['from a newer Casekit', '{"schemaVersion": 2, "title": "future", "labels": ["x"]}', 'CASE_FROM_NEWER_VERSION'],
    ['invalid against the schema', '{"schemaVersion": 1, "id": "c-20250301-target01", "title": 7}', 'CASE_CORRUPT'],
  ])('refuse a case that is %s and leave its bytes identical', async (_label, content, code) => {
    const file = await plantCase(fixture.home, 'c-20250301-target01', content);
    const before = await fs.readFile(file);
    expect(await caught(fixture.store.rename('c-20250301-target01', 'x'))).toMatchObject({ code });
    expect(await caught(fixture.store.setCaseNumber('c-20250301-target01', '00000001'))).toMatchObject({ code });
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(await fs.readdir(path.dirname(file))).toEqual(['case.json']);
  });
});

describe('CaseStore.delete', () => {
  it('removes the whole case folder', async () => {
    const record = await fixture.store.create({ title: 'a' });
    await fs.writeFile(path.join(fixture.home, 'cases', record.id, 'notes.txt'), 'attached');
    await fixture.store.delete(record.id);
    await expect(fs.stat(path.join(fixture.home, 'cases', record.id))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await caught(fixture.store.get(record.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports NOT_FOUND for an unknown case and INVALID_INPUT for a path', async () => {
    expect(await caught(fixture.store.delete('c-20250301-nothere1'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await caught(fixture.store.delete('..'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await caught(fixture.store.delete('c-1/../../x'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('does not delete a folder whose case.json it cannot confirm', async () => {
    const other = await fixture.store.create({ title: 'other' });
    await plantCase(fixture.home, 'c-20250301-copied01', await fs.readFile(caseFile(other.id), 'utf8'));
    await plantCase(fixture.home, 'c-20250301-broken01', 'garbage');
    await fs.mkdir(path.join(fixture.home, 'cases', 'c-20250301-empty001'));

    for (const id of ['c-20250301-copied01', 'c-20250301-broken01', 'c-20250301-empty001']) {
      const err = await caught(fixture.store.delete(id));
      expect(err.code).toBe('CASE_CORRUPT');
      expect(err.message).toContain('Casekit did not delete');
      expect(err.message).toContain('delete the folder by hand');
      expect((await fs.stat(path.join(fixture.home, 'cases', id))).isDirectory()).toBe(true);
    }
    expect((await fixture.store.get(other.id)).title).toBe('other');
  });
});
