import { describe, expect, it } from 'vitest';
import { parseAttributeValues, parseServerList } from './discovery';
import { hostNameProblem } from './host-names';

describe('discovery parsing', () => {
  it('reads server names one a line', () => {
    expect(parseServerList('mbx01.example.test\n\n  mta01.example.test \nmbx01.example.test\n')).toEqual([
      'mbx01.example.test',
      'mta01.example.test',
    ]);
  });

  it('reads the values of one attribute, repeated lines included, nothing from look-alikes', () => {
    const output = [
      '# name mbx01.example.test',
      'cn: mbx01.example.test',
      'zimbraServiceEnabled: mailbox',
      'zimbraServiceEnabled: mta',
      'zimbraServiceEnabledX: ldap',
      'zimbraServiceInstalled: proxy',
      'zimbraServiceEnabled:nospace',
      'zimbraServiceEnabled: logger',
      'zimbraServiceEnabled: mailbox',
      'zimbraNotes: zimbraServiceEnabled: fake',
    ].join('\n');
    expect(parseAttributeValues(output, 'zimbraServiceEnabled')).toEqual(['logger', 'mailbox', 'mta']);
  });

  it('accepts only host names that can be folder names', () => {
    expect(hostNameProblem('mbx01.example.test')).toBeNull();
    expect(hostNameProblem('MBX-01')).toBeNull();
    for (const bad of ['', '..', '../etc', 'a/b', 'a b', '-a.test', 'a..b', 'a\nb', 'x'.repeat(254), 'ä.test'])
      expect(hostNameProblem(bad)).not.toBeNull();
  });
});
