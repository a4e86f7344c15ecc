import { type CollectItem, type Collection, newCollectItem } from '../../../electron/shared/collect-schemas';
import { serverRecord } from './fake-api';
import { CASE_ID } from './ship-fixtures';

export const COLLECT_HASH = `#/cases/${CASE_ID}/collect`;

export const MBX = serverRecord({ id: 's-000000000001', label: 'Mailbox 1', host: 'mbx01.example.com' });
export const MTA = serverRecord({ id: 's-000000000002', label: '', host: 'mta01.example.com' });

export function collectItem(overrides: Partial<CollectItem> & Pick<CollectItem, 'id'>): CollectItem {
  return newCollectItem({ host: 'mbx01.example.com', kind: 'log', ...overrides });
}

export const MAILBOX_LOG = collectItem({
  id: 'mbx01.example.com|log|/opt/zimbra/log/mailbox.log',
  remotePath: '/opt/zimbra/log/mailbox.log',
  size: 40_000_000,
  estimatedSeconds: 8,
});
export const ROTATED_LOG = collectItem({
  id: 'mbx01.example.com|log|/opt/zimbra/log/mailbox.log.2025-03-04.gz',
  remotePath: '/opt/zimbra/log/mailbox.log.2025-03-04.gz',
  size: 10_000_000,
  estimatedSeconds: 2,
});
export const ZMDIAGLOG = collectItem({
  id: 'mbx01.example.com|zmdiaglog|zmdiaglog',
  kind: 'zmdiaglog',
  command: '/opt/zimbra/libexec/zmdiaglog -z',
  size: 30_000_000,
  estimatedSeconds: 180,
});
export const HEAP = collectItem({
  id: 'mbx01.example.com|heap|/opt/zimbra/log/java_pid1234.hprof',
  kind: 'heap',
  remotePath: '/opt/zimbra/log/java_pid1234.hprof',
  size: 2_000_000_000,
  estimatedSeconds: 400,
  needsConsent: true,
  status: 'skipped',
  reason: 'memory images hold mail and passwords and cannot be redacted: fetched only with consent',
});
export const MTA_STATUS = collectItem({
  id: 'mta01.example.com|command|zmcontrol-status',
  host: 'mta01.example.com',
  kind: 'command',
  command: 'zmcontrol status',
  size: 2_000,
  estimatedSeconds: 5,
});
export const MTA_CRASH = collectItem({
  id: 'mta01.example.com|crash|/opt/zimbra/log/hs_err_pid99.log',
  host: 'mta01.example.com',
  kind: 'crash',
  remotePath: '/opt/zimbra/log/hs_err_pid99.log',
  status: 'skipped',
  reason: 'the file vanished before it was listed',
});

export function collection(items: CollectItem[], overrides: Partial<Collection> = {}): Collection {
  return {
    schemaVersion: 1,
    case: '00012345',
    vendor: 'zimbra',
    since: '2025-03-04T10:00:00.000Z',
    groups: ['zmdiaglog', 'logs', 'commands', 'cores'],
    createdAt: '2025-03-05T10:00:00.000Z',
    updatedAt: '2025-03-05T10:00:00.000Z',
    hosts: [
      { target: MBX.id, host: 'mbx01.example.com', services: ['mailbox', 'logger'], status: 'pending', error: null },
      { target: MTA.id, host: 'mta01.example.com', services: ['mta'], status: 'pending', error: null },
    ],
    items,
    ...overrides,
  };
}

export const PLAN_ITEMS = [ZMDIAGLOG, MAILBOX_LOG, ROTATED_LOG, HEAP, MTA_STATUS, MTA_CRASH];

export function plan(localFreeBytes = 100_000_000_000) {
  const bytes = [ZMDIAGLOG, MAILBOX_LOG, ROTATED_LOG, MTA_STATUS].reduce((sum, item) => sum + (item.size ?? 0), 0);
  return {
    collection: collection(PLAN_ITEMS),
    totals: { bytes, seconds: 190, localFreeBytes, fits: bytes <= localFreeBytes },
  };
}
