import { describe, expect, it } from 'vitest';
import { commandItem, commandOutputText } from './command-items';

describe('commandOutputText', () => {
  it('starts with the command, its user, the time and the exit status, then stdout and stderr, labelled', () => {
    const text = commandOutputText({
      line: 'zmcontrol status',
      ranAs: 'zimbra (su - zimbra)',
      startedAt: new Date('2026-03-10T09:00:00.000Z'),
      result: {
        exitCode: 1,
        signal: null,
        stdout: Buffer.from('Host mbx\n\tmailbox  Stopped'),
        stderr: Buffer.from(''),
        truncated: { stdout: false, stderr: false },
        durationMs: 1234,
      },
    }).toString();
    expect(text).toBe(
      [
        '# command: zmcontrol status',
        '# run as: zimbra (su - zimbra)',
        '# started: 2026-03-10T09:00:00.000Z',
        '# duration: 1.2 s',
        '# exit status: 1',
        '--- stdout ---',
        'Host mbx',
        '\tmailbox  Stopped',
        '--- stderr ---',
        '',
      ].join('\n'),
    );
  });

  it('says when output was cut and when a signal ended the command', () => {
    const text = commandOutputText({
      line: 'x',
      ranAs: 'root',
      startedAt: new Date(0),
      result: {
        exitCode: null,
        signal: 'KILL',
        stdout: Buffer.from('a'),
        stderr: Buffer.from('b\n'),
        truncated: { stdout: true, stderr: false },
        durationMs: 0,
      },
    }).toString();
    expect(text).toContain('# exit status: none (ended by KILL)');
    expect(text).toContain('--- stdout (cut: too long, only the beginning was kept) ---\na\n--- stderr ---\nb\n');
  });
});

describe('commandItem', () => {
  it('puts the host in {host}, and plans a profile asking for zmlocalconfig -s as skipped', () => {
    const gs = commandItem('mbx.example.test', {
      id: 'zmprov-gs',
      argv: ['zmprov', '-l', 'gs', '{host}'],
      runAs: 'service',
      timeoutSecs: 60,
    });
    expect(gs).toMatchObject({
      id: 'mbx.example.test|command|zmprov-gs',
      command: 'zmprov -l gs mbx.example.test',
      status: 'pending',
    });
    const secret = commandItem('h', { id: 'lc', argv: ['zmlocalconfig', '-s'], runAs: 'service', timeoutSecs: 60 });
    expect(secret.status).toBe('skipped');
    expect(secret.reason).toContain('password');
  });
});
