import { describe, expect, it } from 'vitest';
import { type Collection, type CollectItem, newCollectItem } from '../../shared/collect-schemas';
import { EXIT } from '../exit-codes';
import { parseDurationMs, parseItems, parseRemoteRoot, parseSince } from './collect-flags';
import { planOutcome, roughDuration } from './collect-plan-report';
import { collectOutcome } from './collect-report';

const now = new Date('2025-03-10T12:00:00Z');

describe('casekit collect flags', () => {
  it('reads the durations of CLI.md, and seconds', () => {
    expect(parseDurationMs('90m')).toBe(90 * 60_000);
    expect(parseDurationMs('24h')).toBe(24 * 3_600_000);
    expect(parseDurationMs('7d')).toBe(7 * 86_400_000);
    expect(parseDurationMs('45s')).toBe(45_000);
    for (const bad of ['0m', '24', 'h', '1.5h', '-2d', '24 hours']) expect(parseDurationMs(bad)).toBeNull();
  });

  it('takes --since as a window back from now or as an ISO moment, never in the future', () => {
    expect(parseSince('24h', now).toISOString()).toBe('2025-03-09T12:00:00.000Z');
    expect(parseSince('2025-03-01T08:00Z', now).toISOString()).toBe('2025-03-01T08:00:00.000Z');
    expect(parseSince('2025-03-01', now).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(() => parseSince('2025-04-01', now)).toThrow(/is in the future/);
    expect(() => parseSince('yesterday', now)).toThrow(/use 90m, 24h, 7d/);
    expect(() => parseSince('2025-02-30T99:00', now)).toThrow(/not a duration or a date/);
  });

  it('takes --items from the four groups, once each', () => {
    expect(parseItems('logs,commands,logs')).toEqual(['logs', 'commands']);
    expect(() => parseItems('logs,heap')).toThrow(/'heap' is not an item group: .*zmdiaglog, logs, commands, cores/);
  });

  it('takes a --zimbra-root only as an absolute path without .. or control characters', () => {
    expect(parseRemoteRoot('/srv/zimbra/')).toBe('/srv/zimbra');
    for (const bad of ['opt/zimbra', '/opt/../etc', '/opt/{root}', '/opt/zim\nbra']) {
      expect(() => parseRemoteRoot(bad)).toThrow(/cannot be the Zimbra root/);
    }
  });
});

function item(host: string, patch: Partial<CollectItem>): CollectItem {
  const id = `${host}|log|${patch.remotePath ?? '/x'}`;
  return newCollectItem({
    id,
    host,
    kind: 'log',
    remotePath: '/x',
    size: 1,
    estimatedSeconds: 0,
    status: 'ok',
    ...patch,
  });
}

function collection(items: CollectItem[], hostError: string | null = null): Collection {
  return {
    schemaVersion: 1,
    case: null,
    vendor: 'zimbra',
    since: now.toISOString(),
    groups: ['logs'],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    hosts: [
      { target: 'a', host: 'a.example', services: [], status: 'done', error: null },
      {
        target: 'b',
        host: hostError === null ? 'b.example' : null,
        services: [],
        status: hostError === null ? 'done' : 'failed',
        error: hostError === null ? null : { code: hostError, message: 'm' },
      },
    ],
    items,
  };
}

describe('casekit collect exit codes', () => {
  const ok = item('a.example', {});
  it('is 0 when all is collected, 3 in part, 1 when nothing', () => {
    expect(collectOutcome(collection([ok]), ['a', 'b']).code).toBe(EXIT.OK);
    const failed = item('b.example', { remotePath: '/y', status: 'failed', errorCode: 'CONNECTION_LOST' });
    expect(collectOutcome(collection([ok, failed]), ['a', 'b']).code).toBe(EXIT.PARTIAL);
    expect(collectOutcome(collection([failed]), ['a', 'b']).code).toBe(EXIT.FAILED);
    expect(collectOutcome(collection([ok], 'CONNECTION_REFUSED'), ['a', 'b']).code).toBe(EXIT.PARTIAL);
  });

  it('is 4 for a host key not trusted or a dump without consent, whatever else happened', () => {
    expect(collectOutcome(collection([ok], 'HOST_KEY_CHANGED'), ['a', 'b'])).toEqual({
      code: EXIT.REFUSED,
      message: 'refused for safety: 1 host key was not trusted; see above.',
    });
    const dump = item('a.example', { kind: 'core', remotePath: '/core', status: 'skipped', needsConsent: true });
    expect(collectOutcome(collection([ok, dump]), ['a', 'b']).message).toBe(
      'refused for safety: 1 dump needs consent (--allow-cores); see above.',
    );
  });

  it('counts only the targets of this command', () => {
    const other = item('c.example', { status: 'failed' });
    expect(collectOutcome(collection([ok, other]), ['a']).code).toBe(EXIT.OK);
  });
});

describe('casekit collect --plan', () => {
  const dump = item('a.example', { kind: 'core', remotePath: '/core', status: 'skipped', needsConsent: true });
  it('exits 0 when every host was listed (a dump awaiting consent is part of a plan), 3 or 1 when hosts were not, 4 for a key', () => {
    expect(planOutcome(collection([dump]), ['a', 'b'])).toEqual({ code: EXIT.OK, message: null });
    expect(planOutcome(collection([dump], 'CONNECTION_REFUSED'), ['a', 'b']).code).toBe(EXIT.PARTIAL);
    expect(planOutcome(collection([dump], 'CONNECTION_REFUSED'), ['b']).code).toBe(EXIT.FAILED);
    expect(planOutcome(collection([dump], 'HOST_KEY_UNKNOWN'), ['a', 'b']).code).toBe(EXIT.REFUSED);
  });

  it('rounds estimates up to what a person plans with', () => {
    expect([0.2, 1, 59.5, 89, 90, 3599, 5400, 7261].map(roughDuration)).toEqual([
      'under 1 s',
      '1 s',
      '60 s',
      '89 s',
      '2 min',
      '60 min',
      '1 h 30 min',
      '2 h 2 min',
    ]);
  });
});
