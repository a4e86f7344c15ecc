import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASEKIT_PASSWORD,
  NOSUDO_PASSWORD,
  startExecTestServer,
  type ExecTestServer,
} from '../../../../test/support/sshd/exec-test-server';
import { caught } from '../../testing/caught';
import { verifySudo } from './verify-sudo';

let server: ExecTestServer;

beforeAll(async () => {
  server = await startExecTestServer({ zimbra: false });
});
afterAll(() => server.stop());

/** Answers the password prompts in turn from `answers` and records which attempt each one was. */
function passwords(...answers: (string | null)[]) {
  const attempts: number[] = [];
  const password = async (attempt: number) => {
    attempts.push(attempt);
    return answers.shift() ?? null;
  };
  return { attempts, password };
}

describe('verifySudo', () => {
  it('runs a command as root with the password sudo asked for', async () => {
    const { attempts, password } = passwords(CASEKIT_PASSWORD);
    expect(await verifySudo(await server.as('casekit'), 'casekit', { password })).toEqual({
      status: 'verified',
      passwordUsed: true,
    });
    expect(attempts).toEqual([1]);
  });

  it('asks again after a wrong password, counting the attempts, and succeeds with the right one', async () => {
    const { attempts, password } = passwords('wrong-1', CASEKIT_PASSWORD);
    expect(await verifySudo(await server.as('casekit'), 'casekit', { password })).toEqual({
      status: 'verified',
      passwordUsed: true,
    });
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up after three wrong passwords with SUDO_WRONG_PASSWORD', async () => {
    const { attempts, password } = passwords('wrong-1', 'wrong-2', 'wrong-3', CASEKIT_PASSWORD);
    const outcome = await verifySudo(await server.as('casekit'), 'casekit', { password });
    expect(outcome.status === 'failed' && outcome.error.code).toBe('SUDO_WRONG_PASSWORD');
    expect(attempts).toEqual([1, 2, 3]);
    expect(JSON.stringify(outcome)).not.toContain('wrong-');
  });

  it('needs no password for a NOPASSWD user, and asks none', async () => {
    const { attempts, password } = passwords('unused');
    expect(await verifySudo(await server.as('nopass'), 'nopass', { password })).toEqual({
      status: 'verified',
      passwordUsed: false,
    });
    expect(attempts).toEqual([]);
  });

  it('says SUDO_NOT_ALLOWED for a user without sudo rights, without asking for a password', async () => {
    const { attempts, password } = passwords(NOSUDO_PASSWORD);
    const outcome = await verifySudo(await server.as('nosudo'), 'nosudo', { password });
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error.code).toBe('SUDO_NOT_ALLOWED');
    expect(attempts).toEqual([]);
  });

  it('says SUDO_PASSWORD_REQUIRED when the user declines, and does not ask again', async () => {
    const { attempts, password } = passwords(null);
    const outcome = await verifySudo(await server.as('casekit'), 'casekit', { password });
    expect(outcome.status === 'failed' && outcome.error.code).toBe('SUDO_PASSWORD_REQUIRED');
    expect(attempts).toEqual([1]);
  });

  it('throws CANCELLED, not a verdict, when cancelled while the password is being asked', async () => {
    const controller = new AbortController();
    const password = () => {
      controller.abort();
      return new Promise<string | null>(() => undefined);
    };
    const error = await caught(
      verifySudo(await server.as('casekit'), 'casekit', { password, signal: controller.signal }),
    );
    expect(error.code).toBe('CANCELLED');
  });
});
