import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { newMapSnapshot } from './map-snapshot';
import { mergeCounts, mergeOutcomes } from './outcome';
import { Redactor } from './redactor';
import { collect, NO_CONFIG, redactText } from './test-harness';
import { emptyEntries, emptyVocabulary, type RedactOutcome } from './types';

const TEXT =
  'Mar 11 10:15:32 mbx01 postfix: [name=jdoe@example.com;ip=10.1.2.3;] uid=jsmith password=hunter2 DeviceId=Appl123456\n';

function outcome(partial: Partial<RedactOutcome>): RedactOutcome {
  return { counts: {}, newEntries: emptyEntries(), vocabulary: emptyVocabulary(), binaryFindings: [], ...partial };
}

describe('outcomes', () => {
  it('give the same output from two Redactors of one snapshot, whatever else each saw first', async () => {
    const { map } = await redactText(TEXT);
    const outputs: string[] = [];
    for (const before of ['', 'ip=10.9.9.9 other@example.com uid=someone\n']) {
      const parts: Buffer[] = [];
      await pipeline(
        Readable.from([Buffer.from(before + TEXT)]),
        new Redactor(map, NO_CONFIG).redact('f'),
        collect(parts),
      );
      outputs.push(Buffer.concat(parts).toString().split('\n').at(-2)!);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).not.toContain('jdoe');
  });

  it('count per file and per rule, with originals only in the new entries and the vocabulary', async () => {
    const { outcome: result } = await redactText(TEXT);
    expect(result.counts).toEqual({
      input: { 'syslog-host': 1, email: 1, ipv4: 1, user: 1, password: 1, 'device-id': 1 },
    });
    const { newEntries, vocabulary, ...rest } = result;
    expect(JSON.stringify(rest)).not.toMatch(/jdoe|jsmith|example|10\.1\.2\.3|hunter2|appl123456|mbx01/i);
    expect(Object.keys(newEntries.email)).toEqual(['jdoe@example.com']);
    expect(vocabulary).toEqual(emptyVocabulary());
  });

  it('merge into the map: entries and vocabulary of all workers, repeats once', async () => {
    const map = newMapSnapshot();
    const a = new Redactor(map, NO_CONFIG);
    const b = new Redactor(map, NO_CONFIG);
    await pipeline(Readable.from([Buffer.from('x jdoe@example.com\n')]), a.learn('a'));
    await pipeline(Readable.from([Buffer.from('y jdoe@example.com uid=jsmith\n')]), b.learn('b'));
    const merged = mergeOutcomes(map, [a.outcome(), b.outcome(), b.outcome()]);
    expect(merged.vocabulary).toEqual({ domains: ['example.com'], hosts: [], users: ['jsmith'], devices: [] });
    expect(merged.key).toBe(map.key);
  });

  it('refuse two originals with one pseudonym, and one original with two', () => {
    const map = newMapSnapshot();
    const user = (original: string, pseudo: string): RedactOutcome =>
      outcome({ newEntries: { ...emptyEntries(), user: { [original]: pseudo } } });
    expect(() => mergeOutcomes(map, [user('a', 'user-x'), user('b', 'user-x')])).toThrow(CasekitError);
    expect(() => mergeOutcomes(map, [user('a', 'user-x'), user('a', 'user-y')])).toThrow(/same pseudonym/);
    expect(mergeOutcomes(map, [user('a', 'user-x'), user('a', 'user-x')]).entries.user).toEqual({ a: 'user-x' });
  });

  it('sum counts per file and per rule for the report', () => {
    const counts = mergeCounts([
      outcome({ counts: { a: { email: 2, ipv4: 1 } } }),
      outcome({ counts: { b: { email: 1 }, a: { ipv4: 2 } } }),
    ]);
    expect(counts).toEqual({
      files: { a: { email: 2, ipv4: 3 }, b: { email: 1 } },
      rules: { email: 3, ipv4: 3 },
      total: 6,
    });
  });
});
