import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectionChanged } from '../../../shared/collect-api-schemas';
import { type CollectItem, type Collection, newCollectItem } from '../../../shared/collect-schemas';
import { checkedZmdiaglogArgs } from './case-collection';
import { collectionFailure } from './collect-job';
import { CollectionReporter } from './collection-reporter';
import type { CollectProfile } from '../../vendor/index';

function item(id: string, host: string, overrides: Partial<CollectItem> = {}): CollectItem {
  const file = { remotePath: `/opt/zimbra/log/${id}`, size: 1000, estimatedSeconds: 1, status: 'ok' as const };
  return newCollectItem({ id, host, kind: 'log', ...file, ...overrides });
}

function collection(items: CollectItem[], hosts: Collection['hosts']): Collection {
  return {
    schemaVersion: 1,
    case: null,
    vendor: 'zimbra',
    since: '2025-03-04T10:00:00.000Z',
    groups: ['logs'],
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:00:00.000Z',
    hosts,
    items,
  };
}

const host = (target: string, name: string | null, extra: Partial<Collection['hosts'][number]> = {}) => ({
  target,
  host: name,
  services: [],
  status: 'done' as const,
  error: null,
  ...extra,
});

describe('collectionFailure', () => {
  it('is null when every item of this run’s hosts is ok or skipped, whatever other hosts of the case did', () => {
    const c = collection(
      [
        item('a', 'mbx'),
        item('b', 'mbx', { status: 'skipped', needsConsent: true }),
        item('c', 'old', { status: 'failed' }),
      ],
      [host('s-1', 'mbx'), host('s-old', 'old', { status: 'failed', error: { code: 'AUTH_FAILED', message: 'no' } })],
    );
    expect(collectionFailure(c, ['s-1'])).toBeNull();
  });

  it('names the failed hosts and items with their reasons, keeps the first code, and says what to do', () => {
    const c = collection(
      [
        item('a', 'mbx'),
        item('b', 'mbx', { status: 'failed', reason: 'The copy was cut short.', errorCode: 'CONNECTION_LOST' }),
      ],
      [
        host('s-1', 'mbx', { status: 'partial' }),
        host('s-2', null, { status: 'failed', error: { code: 'CONNECTION_REFUSED', message: 'mta01 refused.' } }),
      ],
    );
    const error = collectionFailure(c, ['s-1', 's-2']);
    expect(error?.code).toBe('CONNECTION_REFUSED');
    expect(error?.retryable).toBe(true);
    expect(error?.message).toBe(
      '1 of 2 servers could not be collected from (s-2: mta01 refused.), and 1 of 2 items failed ' +
        '(mbx: /opt/zimbra/log/b: The copy was cut short.). The 1 items collected are kept. ' +
        'Retry the failed items once the cause is fixed: what was collected is not fetched again.',
    );
  });

  it('reads an error code this version does not know as an I/O error', () => {
    const c = collection([item('a', 'mbx', { status: 'failed', errorCode: 'SOMETHING_NEW' })], [host('s-1', 'mbx')]);
    expect(collectionFailure(c, ['s-1'])?.code).toBe('IO_ERROR');
  });
});

describe('checkedZmdiaglogArgs', () => {
  const profile = { zmdiaglog: { defaultArgs: ['-z'] } } as unknown as CollectProfile;
  const request = {
    caseId: 'case-000001',
    serverIds: [],
    groups: [],
    since: '',
    consent: [],
    removeRemoteZmdiaglog: false,
  };

  it('takes the profile’s default when none are given, and checks the ones given', () => {
    expect(checkedZmdiaglogArgs({ ...request, groups: ['zmdiaglog'] }, profile)).toEqual(['-z']);
    expect(
      checkedZmdiaglogArgs({ ...request, groups: ['zmdiaglog'], zmdiaglogArgs: ['-a', '-t', '60'] }, profile),
    ).toEqual(['-a', '-t', '60']);
  });

  it('refuses what zmdiaglog does not document, and a value that would be two words', () => {
    for (const args of [['-h'], ['-a', '-c'], ['-d', '/tmp/two words'], ['; rm -rf /']]) {
      expect(() => checkedZmdiaglogArgs({ ...request, groups: ['zmdiaglog'], zmdiaglogArgs: args }, profile)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
  });
});

describe('CollectionReporter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a few events a second at most, with each running item’s rate and time left, and the last state at the end', () => {
    vi.useFakeTimers();
    let now = 0;
    const sent: CollectionChanged[] = [];
    const reporter = new CollectionReporter(
      'case-000001',
      'job-collect-000001',
      (payload) => sent.push(payload),
      () => now,
    );
    const running = collection([item('a', 'mbx', { status: 'running', size: 10_000_000 })], [host('s-1', 'mbx')]);
    reporter.update(running);
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(1);
    // Ten progress readings over a second: 1 MB every 100 ms.
    for (let tick = 1; tick <= 10; tick++) {
      now += 100;
      reporter.progress({
        bytesDone: tick * 1_000_000,
        bytesTotal: 10_000_000,
        itemsDone: 0,
        itemsTotal: 1,
        current: 'mbx: a',
        running: [{ id: 'a', host: 'mbx', bytesDone: tick * 1_000_000, bytesTotal: 10_000_000, line: 'x'.repeat(600) }],
      });
      vi.advanceTimersByTime(100);
    }
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(6);
    const last = sent.at(-1) as CollectionChanged;
    expect(last.live).toHaveLength(1);
    expect(last.live[0]?.rate).toBeGreaterThan(5_000_000);
    expect(last.live[0]?.rate).toBeLessThan(15_000_000);
    expect(last.live[0]?.eta).not.toBeNull();
    expect(last.live[0]?.line).toHaveLength(500);

    reporter.update(collection([item('a', 'mbx')], [host('s-1', 'mbx')]));
    reporter.finish();
    expect(sent.at(-1)).toMatchObject({ caseId: 'case-000001', jobId: 'job-collect-000001', live: [] });
    expect(sent.at(-1)?.collection.items[0]?.status).toBe('ok');
  });
});
