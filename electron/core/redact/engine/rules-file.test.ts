import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import { parseRulesFile } from './rules-file';

describe('rules file', () => {
  it('parses every kind of line and skips comments and blank lines', () => {
    const text =
      '\uFEFF# our rules\n\nsecret ticket /TICKET-(\\d+)/\r\npseudonym project /proj-[a-z]+/i\nkeyword Acme Corp\nsecret-key x-api-token\n';
    expect(parseRulesFile(text, 'rules.txt')).toEqual([
      { kind: 'secret', name: 'ticket', pattern: 'TICKET-(\\d+)', flags: '' },
      { kind: 'pseudonym', name: 'project', pattern: 'proj-[a-z]+', flags: 'i' },
      { kind: 'keyword', value: 'Acme Corp' },
      { kind: 'secret-key', key: 'x-api-token' },
    ]);
  });

  it.each([
    ['bogus x', 'line 1: unknown rule "bogus"'],
    ['secret Bad /x/', 'line 1: "secret" needs a NAME'],
    ['secret ok x', 'expected a regular expression'],
    ['secret ok /x/g', 'flags may only be "i"'],
    ['secret ok /(/', 'does not compile'],
    ['secret ok /a*/', 'matches empty text'],
    ['keyword', '"keyword" needs the text'],
    ['secret-key a b', '"secret-key" needs one key name'],
  ])('refuses %j, saying where and what', (line, message) => {
    let thrown: unknown;
    try {
      parseRulesFile(`# header\n${line}\n`.replace('# header\n', ''), 'my.rules');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CasekitError);
    expect((thrown as CasekitError).code).toBe('INVALID_INPUT');
    expect((thrown as CasekitError).message).toContain('my.rules');
    expect((thrown as CasekitError).message).toContain(message);
  });
});
