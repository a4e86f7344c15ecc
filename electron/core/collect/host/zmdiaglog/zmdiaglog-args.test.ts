import { describe, expect, it } from 'vitest';
import { caught } from '../../../testing/caught';
import { describeZmdiaglogArgs, parseZmdiaglogArgs } from './zmdiaglog-args';

describe('parseZmdiaglogArgs', () => {
  it('accepts the documented options, one word each, in the order given', () => {
    expect(parseZmdiaglogArgs('-z')).toEqual(['-z']);
    expect(parseZmdiaglogArgs('')).toEqual([]);
    expect(parseZmdiaglogArgs('  -a -d /opt/zimbra/data/tmp/x -t 60 -j -Z ')).toEqual([
      '-a',
      '-d',
      '/opt/zimbra/data/tmp/x',
      '-t',
      '60',
      '-j',
      '-Z',
    ]);
    expect(parseZmdiaglogArgs('-c -z')).toEqual(['-c', '-z']);
  });

  it('splits grouped flags and attached values as zmdiaglog itself does', () => {
    expect(parseZmdiaglogArgs('-jz -t90 -d/var/tmp/')).toEqual(['-j', '-z', '-t', '90', '-d', '/var/tmp']);
    expect(parseZmdiaglogArgs('-zd /srv/diag')).toEqual(['-z', '-d', '/srv/diag']);
  });

  it.each([
    ['-a -c', 'not both'],
    ['-z -Z', 'not both'],
    ['-h', 'no option -h'],
    ['-x', 'no option -x'],
    ['--all', 'not an option'],
    ['-d relative/dir', 'absolute'],
    ['-d /opt/zimbra/../etc', '".."'],
    ["-d /tmp/a'b", 'quotes'],
    ['-d', 'needs a value'],
    ['-t 0', 'whole number'],
    ['-t -5', 'whole number'],
    ['-t 1.5', 'whole number'],
    ['-t soon', 'whole number'],
    ['-z -z', 'twice'],
    ['extra', 'not an option'],
    ['-z; rm -rf /', 'no option -;'],
    ['$(reboot)', 'not an option'],
  ])('refuses %j with INVALID_INPUT', async (text, says) => {
    const error = await caught(Promise.resolve().then(() => parseZmdiaglogArgs(text)));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(says);
    // Every refusal lists what is accepted.
    expect(error.message).toContain('-d DIR');
  });

  it('says what the arguments ask for', () => {
    expect(describeZmdiaglogArgs(parseZmdiaglogArgs('-a -Z -d /x -t 30'))).toEqual({
      heapDump: true,
      fromCore: false,
      dest: '/x',
      timeoutSecs: 30,
      archive: 'remove-folder',
    });
    expect(describeZmdiaglogArgs([])).toMatchObject({ heapDump: false, dest: null, archive: null });
  });
});
