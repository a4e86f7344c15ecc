import { describe, expect, it } from 'vitest';
import type { CollectLogProfile } from '../../vendor';
import { keptDaysNote, logItems, selectLogFiles } from './log-window';
import type { RemoteEntry } from './remote-listing';

const mailbox: CollectLogProfile = {
  id: 'mailbox',
  dir: '{root}/log',
  current: 'mailbox.log',
  rotated: ['mailbox.log.*'],
  keptDays: 8,
};
const at = (iso: string) => new Date(iso);
const entry = (name: string, modified: string, size = 100): RemoteEntry => ({
  path: `/opt/zimbra/log/${name}`,
  name,
  dir: '/opt/zimbra/log',
  size,
  modifiedAt: at(modified),
  type: 'file',
  problem: null,
});
// Zimbra's daily rotation: the copy of day D was last written at D+1 00:00.
const listing = [
  entry('mailbox.log', '2026-03-10T09:15:00Z'),
  entry('mailbox.log.2026-03-09.gz', '2026-03-10T00:00:00Z'),
  entry('mailbox.log.2026-03-08.gz', '2026-03-09T00:00:00Z'),
  entry('mailbox.log.2026-03-07.gz', '2026-03-08T00:00:00Z'),
  entry('audit.log.2026-03-09.gz', '2026-03-10T00:00:00Z'),
];

describe('selectLogFiles', () => {
  it('takes the current log and the rotated copies changed at or after the start of the window', () => {
    const since = at('2026-03-08T12:00:00Z');
    expect(selectLogFiles(mailbox, listing, since).map((file) => file.name)).toEqual([
      'mailbox.log',
      'mailbox.log.2026-03-09.gz',
      'mailbox.log.2026-03-08.gz',
    ]);
  });

  it('counts a copy whose last change is exactly the start of the window', () => {
    const names = selectLogFiles(mailbox, listing, at('2026-03-09T00:00:00Z')).map((file) => file.name);
    expect(names).toContain('mailbox.log.2026-03-08.gz');
    expect(names).not.toContain('mailbox.log.2026-03-07.gz');
  });

  it('keeps the current log even when the window starts after its last change', () => {
    expect(selectLogFiles(mailbox, listing, at('2026-03-11T00:00:00Z')).map((file) => file.name)).toEqual([
      'mailbox.log',
    ]);
  });
});

describe('logItems', () => {
  it('makes pending items with stable ids, sizes and times, and notes a window older than what is kept', () => {
    const items = logItems('mbx.example.test', [mailbox], listing, {
      since: at('2026-03-01T00:00:00Z'),
      root: '/opt/zimbra/',
      now: at('2026-03-10T10:00:00Z'),
    });
    expect(items.map((item) => item.id)).toEqual([
      'mbx.example.test|log|/opt/zimbra/log/mailbox.log',
      'mbx.example.test|log|/opt/zimbra/log/mailbox.log.2026-03-09.gz',
      'mbx.example.test|log|/opt/zimbra/log/mailbox.log.2026-03-08.gz',
      'mbx.example.test|log|/opt/zimbra/log/mailbox.log.2026-03-07.gz',
    ]);
    expect(items[0]).toMatchObject({
      kind: 'log',
      status: 'pending',
      size: 100,
      modifiedAt: '2026-03-10T09:15:00.000Z',
      needsConsent: false,
      remotePath: '/opt/zimbra/log/mailbox.log',
    });
    expect(items[3]?.reason).toContain('older than 8 days are deleted');
    expect(items.slice(0, 3).map((item) => item.reason)).toEqual([null, null, null]);
  });

  it('skips, with the reason, a file whose name cannot be asked for', () => {
    const odd = { ...entry('mailbox.log.\uFFFD', '2026-03-10T00:00:00Z'), problem: 'its name is not valid UTF-8' };
    const [, item] = logItems('h', [mailbox], [listing[0] as RemoteEntry, odd], {
      since: at('2026-03-09T00:00:00Z'),
      root: '/opt/zimbra',
    });
    expect(item).toMatchObject({ status: 'skipped', reason: 'Not copied: its name is not valid UTF-8.' });
  });
});

describe('keptDaysNote', () => {
  it('says nothing within the kept days or for logs without a known limit', () => {
    const now = at('2026-03-10T00:00:00Z');
    expect(keptDaysNote(mailbox, at('2026-03-02T00:00:00Z'), now)).toBeNull();
    expect(keptDaysNote({ ...mailbox, keptDays: null }, at('2025-01-01T00:00:00Z'), now)).toBeNull();
    expect(keptDaysNote(mailbox, at('2026-03-01T00:00:00Z'), now)).toContain('9 days ago');
  });
});
