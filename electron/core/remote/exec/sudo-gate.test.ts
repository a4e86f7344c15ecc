import { describe, expect, it } from 'vitest';
import { CasekitError } from '../../../shared/error-codes';
import type { ExecControl } from './exec-remote';
import { SudoGate } from './sudo-gate';

// The prompt-handling cases a real sudo with passwd_tries=1 cannot show.
function gate(stdin?: string) {
  const log: string[] = [];
  const control: ExecControl = {
    write: (data) => log.push(`write ${data.toString()}`),
    end: () => log.push('end'),
    fail: (error) => log.push(`fail ${error.code}`),
  };
  const rejected = () => new CasekitError('SUDO_WRONG_PASSWORD', 'rejected');
  const g = new SudoGate('START:', { marker: 'PROMPT:', password: 'secret', rejected }, stdin);
  const filter = g.attach(control);
  const push = (text: string) => filter.push(Buffer.from(text)).toString();
  return { g, log, push, filter };
}

describe('SudoGate', () => {
  it('writes nothing before the prompt, the password once it shows, stdin once the command starts', () => {
    const { log, push } = gate('input');
    push('sudo: unable to resolve host x\n');
    expect(log).toEqual([]);
    push('PROMP');
    expect(log).toEqual([]);
    push('T:');
    expect(log).toEqual(['write secret\n']);
    expect(push('START:42\nerr')).toBe('sudo: unable to resolve host x\nerr');
    expect(log).toEqual(['write secret\n', 'write input', 'end']);
  });

  it('fails instead of writing the password twice when sudo asks again', () => {
    const { log, push, g } = gate();
    push('PROMPT:');
    push('Sorry, try again.\nPROMPT:');
    expect(log).toEqual(['write secret\n', 'fail SUDO_WRONG_PASSWORD']);
    expect(g.said()).toBe('Sorry, try again.\n');
  });

  it('keeps what sudo said when the command never starts, and hands the caller nothing', () => {
    const { push, g, filter } = gate();
    expect(push('sudo: a password is required\n')).toBe('');
    expect(filter.flush().toString()).toBe('');
    expect(g.started).toBe(false);
    expect(g.said()).toBe('sudo: a password is required\n');
  });
});
