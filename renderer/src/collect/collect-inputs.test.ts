import { describe, expect, it } from 'vitest';
import { checkChoices, choicesOf, defaultChoices } from './collect-choices';
import { defaultSince, parseLocalInput, toLocalInput } from './collect-window';
import { zmdiaglogArgs, zmdiaglogOptionsOf, zmdiaglogProblems, DEFAULT_ZMDIAGLOG } from './zmdiaglog-options';

const NOW = new Date(2025, 2, 5, 12, 0);

describe('the incident window', () => {
  it('defaults to the last 24 hours, written and read back in local time', () => {
    const since = defaultSince(NOW);
    expect(NOW.getTime() - since.getTime()).toBe(24 * 3600_000);
    expect(toLocalInput(since)).toBe('2025-03-04T12:00');
    expect(parseLocalInput('2025-03-04T12:00', NOW)).toEqual({ since });
  });

  it('refuses an empty value, a date that does not exist and a start in the future', () => {
    expect(parseLocalInput(' ', NOW)).toEqual({ problem: 'required' });
    expect(parseLocalInput('2025-02-31T10:00', NOW)).toEqual({ problem: 'invalid' });
    expect(parseLocalInput('yesterday', NOW)).toEqual({ problem: 'invalid' });
    expect(parseLocalInput('2025-03-05T12:01', NOW)).toEqual({ problem: 'future' });
  });
});

describe('zmdiaglog options', () => {
  it('make the documented arguments, and back', () => {
    expect(zmdiaglogArgs(DEFAULT_ZMDIAGLOG)).toEqual(['-z']);
    const options = { heap: 'core' as const, archive: false, timeout: ' 0300 ', dest: '/var/tmp/diag' };
    expect(zmdiaglogArgs(options)).toEqual(['-c', '-t', '300', '-d', '/var/tmp/diag']);
    expect(zmdiaglogOptionsOf(['-c', '-t', '300', '-d', '/var/tmp/diag'])).toEqual({
      heap: 'core',
      archive: false,
      timeout: '300',
      dest: '/var/tmp/diag',
    });
    expect(zmdiaglogOptionsOf(['-a', '-Z']).heap).toBe('live');
  });

  it('refuse a timeout that is not whole seconds and a folder that is not absolute', () => {
    expect(zmdiaglogProblems({ ...DEFAULT_ZMDIAGLOG, timeout: '1.5', dest: 'tmp' })).toEqual({
      timeout: 'invalid',
      dest: 'relative',
    });
    expect(zmdiaglogProblems({ ...DEFAULT_ZMDIAGLOG, timeout: '0' }).timeout).toBe('invalid');
    expect(zmdiaglogProblems({ ...DEFAULT_ZMDIAGLOG, timeout: '86400' }).timeout).toBeNull();
  });
});

describe('the choices', () => {
  it('make a request in the CLI’s order of items, ignoring zmdiaglog options when zmdiaglog is not chosen', () => {
    const choices = {
      ...defaultChoices(NOW),
      groups: new Set(['cores', 'logs'] as const),
      zmdiaglog: { ...DEFAULT_ZMDIAGLOG, timeout: 'soon' },
      removeRemoteZmdiaglog: true,
    };
    const checked = checkChoices(choices, NOW);
    expect(checked).toEqual({
      ok: true,
      request: {
        groups: ['logs', 'cores'],
        since: defaultSince(NOW).toISOString(),
        removeRemoteZmdiaglog: false,
      },
    });
  });

  it('come back from a request started earlier', () => {
    const request = {
      groups: ['zmdiaglog' as const],
      since: defaultSince(NOW).toISOString(),
      zmdiaglogArgs: ['-a'],
      removeRemoteZmdiaglog: true,
    };
    const choices = choicesOf(request);
    expect([...choices.groups]).toEqual(['zmdiaglog']);
    expect(choices.zmdiaglog).toEqual({ heap: 'live', archive: false, timeout: '', dest: '' });
    expect(checkChoices(choices, NOW)).toEqual({ ok: true, request });
  });
});
