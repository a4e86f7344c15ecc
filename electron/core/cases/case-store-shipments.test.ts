import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseShipments } from '../../shared/case-schemas';
import type { ShipReceipt } from '../../shared/ship-schemas';
import { caught } from '../testing/caught';
import { plantCase } from '../testing/plant-case';
import { useCaseStoreFixture } from '../testing/store-fixture';

const fixture = useCaseStoreFixture();

const SUM = 'ab'.repeat(32);

function receipt(destination: string): ShipReceipt {
  return {
    channel: 'ftp',
    destination,
    startedAt: '2025-03-01T10:00:00.000Z',
    finishedAt: '2025-03-01T10:02:00.000Z',
    files: [
      {
        name: 'case-00012345.tar.gz',
        size: 1234,
        sha256: SUM,
        status: 'sent',
        attempts: 2,
        serverAnswer: '226 Transfer complete',
        error: null,
      },
      { name: 'SHA256SUMS', size: 90, sha256: null, status: 'sent', attempts: 1, serverAnswer: null, error: null },
    ],
    complete: true,
  };
}

const OLD_CASE = JSON.stringify({
  schemaVersion: 1,
  id: 'c-20250301-oldcase1',
  title: 'Written before shipping existed',
  vendor: 'zimbra',
  caseNumber: '00012345',
  createdAt: '2025-02-01T10:00:00.000Z',
  updatedAt: '2025-02-01T10:00:00.000Z',
});

describe('CaseStore.recordShipment', () => {
  it('appends receipts in order, persists them and moves updatedAt', async () => {
    const record = await fixture.store.create({ title: 'x' });
    expect(caseShipments(record)).toEqual([]);
    fixture.clock.advance(60_000);
    await fixture.store.recordShipment(record.id, receipt('ftp://ftp.example.com:21/incoming'));
    const after = await fixture.store.recordShipment(record.id, receipt('ftp://ftp.example.com:21/second'));
    expect(after.updatedAt).toBe('2025-03-01T10:01:00.000Z');
    const read = await fixture.store.get(record.id);
    expect(read).toEqual(after);
    expect(caseShipments(read).map((s) => s.destination)).toEqual([
      'ftp://ftp.example.com:21/incoming',
      'ftp://ftp.example.com:21/second',
    ]);
    expect(caseShipments(read)[0]).toEqual(receipt('ftp://ftp.example.com:21/incoming'));
    const onDisk = JSON.parse(await fs.readFile(fixture.caseFile(record.id), 'utf8'));
    expect(onDisk.shipments).toHaveLength(2);
  });

  it('loads a case.json without shipments and adds to it', async () => {
    const file = await plantCase(fixture.home, 'c-20250301-oldcase1', OLD_CASE);
    const old = await fixture.store.get('c-20250301-oldcase1');
    expect(old.shipments).toBeUndefined();
    expect(caseShipments(old)).toEqual([]);
    expect((await fixture.store.list()).cases.map((c) => c.id)).toEqual(['c-20250301-oldcase1']);
    await fixture.store.recordShipment('c-20250301-oldcase1', receipt('https://portal.example.com/upload'));
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(onDisk).toMatchObject({ title: 'Written before shipping existed', caseNumber: '00012345' });
    expect(onDisk.shipments).toEqual([receipt('https://portal.example.com/upload')]);
  });

  it('keeps both of two concurrent shipments', async () => {
    const record = await fixture.store.create({ title: 'x' });
    await Promise.all([
      fixture.store.recordShipment(record.id, receipt('ftp://a/1')),
      fixture.store.recordShipment(record.id, receipt('ftp://a/2')),
    ]);
    const destinations = caseShipments(await fixture.store.get(record.id)).map((s) => s.destination);
    expect(destinations.sort()).toEqual(['ftp://a/1', 'ftp://a/2']);
  });

  it('refuses a receipt that does not match the schema, writing nothing', async () => {
    const record = await fixture.store.create({ title: 'x' });
    const before = await fs.readFile(fixture.caseFile(record.id));
    const bad = { ...receipt('ftp://a/1'), files: [{ ...receipt('x').files[0], sha256: 'not-hex' }] };
    expect(await caught(fixture.store.recordShipment(record.id, bad as ShipReceipt))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    const link = { ...receipt('ftp://a/1'), channel: 'link' };
    expect(await caught(fixture.store.recordShipment(record.id, link as ShipReceipt))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await fs.readFile(fixture.caseFile(record.id))).equals(before)).toBe(true);
  });
});

describe('CaseStore.recordDownloadLink', () => {
  it('records the link, its expiry and note as a link shipment', async () => {
    const record = await fixture.store.create({ title: 'x' });
    const next = await fixture.store.recordDownloadLink(record.id, {
      url: 'https://share.example.com/s/Xy12?dl=1',
      expiresAt: '2025-03-08T10:00:00.000Z',
      note: ' shared via Nextcloud ',
      files: [{ name: 'case-00012345.tar.gz', size: 1234, sha256: SUM }],
    });
    const [shipment] = caseShipments(next);
    expect(shipment).toEqual({
      channel: 'link',
      destination: 'https://share.example.com/s/Xy12?dl=1',
      startedAt: '2025-03-01T10:00:00.000Z',
      finishedAt: '2025-03-01T10:00:00.000Z',
      files: [
        {
          name: 'case-00012345.tar.gz',
          size: 1234,
          sha256: SUM,
          status: 'sent',
          attempts: 0,
          serverAnswer: null,
          error: null,
        },
      ],
      complete: true,
      link: {
        url: 'https://share.example.com/s/Xy12?dl=1',
        expiresAt: '2025-03-08T10:00:00.000Z',
        note: 'shared via Nextcloud',
        recordedAt: '2025-03-01T10:00:00.000Z',
      },
    });
    expect(caseShipments(await fixture.store.get(record.id))).toEqual([shipment]);
  });

  it.each([
    ['http', 'http://share.example.com/s/1', 'https://'],
    ['ftp', 'ftp://share.example.com/s/1', 'https://'],
    ['not a URL', 'share.example.com/s/1', 'https://'],
    ['with a password', 'https://user:secret@share.example.com/s/1', 'user name or password'],
    ['with a user name', 'https://user@share.example.com/s/1', 'user name or password'],
  ])('refuses a link that is %s', async (_label, url, reason) => {
    const record = await fixture.store.create({ title: 'x' });
    const error = await caught(fixture.store.recordDownloadLink(record.id, { url }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(reason);
    expect(caseShipments(await fixture.store.get(record.id))).toEqual([]);
  });

  it('refuses a link that has already expired, and a date that is not ISO', async () => {
    const record = await fixture.store.create({ title: 'x' });
    const url = 'https://share.example.com/s/1';
    const expired = await caught(
      fixture.store.recordDownloadLink(record.id, { url, expiresAt: '2025-03-01T09:59:59.000Z' }),
    );
    expect(expired).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('expired') });
    expect(await caught(fixture.store.recordDownloadLink(record.id, { url, expiresAt: 'next week' }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    const ok = await fixture.store.recordDownloadLink(record.id, { url });
    expect(caseShipments(ok)[0]).toMatchObject({ channel: 'link', link: { url } });
    expect(caseShipments(ok)[0]).not.toHaveProperty('link.expiresAt');
  });
});
