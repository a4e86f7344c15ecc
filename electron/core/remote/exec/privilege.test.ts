import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { connectTestClient } from '../../../../test/support/sshd/connect-client';
import {
  CASEKIT_PASSWORD,
  NOSUDO_PASSWORD,
  startExecTestServer,
  type ExecTestServer,
} from '../../../../test/support/sshd/exec-test-server';
import { remoteProcesses, uniqueSleep, waitForProcesses } from '../../../../test/support/sshd/remote-processes';
import { runAsRoot } from './privilege';
import { classifySudoRefusal } from './sudo-errors';
import { runSudo } from './sudo-run';

let server: ExecTestServer;
let witness: Client;

beforeAll(async () => {
  server = await startExecTestServer({ zimbra: false });
  witness = await connectTestClient(server.sshd, 'root');
});
afterAll(async () => {
  witness.end();
  await server.stop();
});

/** A password provider that counts how often it was asked. */
function provider(answer: string | null) {
  const asked = { count: 0 };
  const ask = () => {
    asked.count += 1;
    return Promise.resolve(answer);
  };
  return { asked, ask };
}

// sudo sets SUDO_USER; its absence shows a command did not go through sudo.
const WHO = 'printf "%s %s" "$(id -un)" "${SUDO_USER-nosudo}"';

describe('runAsRoot', () => {
  it('runs directly when the session user is root', async () => {
    const result = await runAsRoot(await server.as('root'), 'root', WHO);
    expect(result.stdout.toString()).toBe('root nosudo');
  });

  it('uses sudo -n for a NOPASSWD user, without asking for a password', async () => {
    const { asked, ask } = provider('unused');
    const result = await runAsRoot(await server.as('nopass'), 'nopass', WHO, { sudoPassword: ask });
    expect(result.stdout.toString()).toBe('root nopass');
    expect(asked.count).toBe(0);
  });

  it('gives sudo the password when it asks, and hands back only the command’s own stderr', async () => {
    const { asked, ask } = provider(CASEKIT_PASSWORD);
    const result = await runAsRoot(await server.as('casekit'), 'casekit', `${WHO}; echo oops >&2; exit 4`, {
      sudoPassword: ask,
    });
    expect(asked.count).toBe(1);
    expect(result.stdout.toString()).toBe('root casekit');
    // No prompt marker, no "[sudo] password for", no password.
    expect(result.stderr.toString()).toBe('oops\n');
    expect(result.exitCode).toBe(4);
  });

  it('passes argv through sudo unchanged and delivers stdin after the password', async () => {
    const result = await runAsRoot(
      await server.as('casekit'),
      'casekit',
      ['sh', '-c', 'cat; printf "|%s" "$1"', 'x', "a'b $(c)"],
      {
        sudoPassword: provider(CASEKIT_PASSWORD).ask,
        stdin: 'from stdin',
      },
    );
    expect(result.stdout.toString()).toBe("from stdin|a'b $(c)");
  });

  it('never shows the password in the server’s process list', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = runAsRoot(await server.as('casekit'), 'casekit', sleep, {
      sudoPassword: provider(CASEKIT_PASSWORD).ask,
      signal: controller.signal,
    });
    await waitForProcesses(witness, sleep);
    const everything = await remoteProcesses(witness);
    // The sudo command line is there (so this looked at the right moment), the password is not.
    expect(everything.some((p) => p.args.startsWith('sudo -S -p casekit-sudo-'))).toBe(true);
    expect(everything.filter((p) => p.args.includes(CASEKIT_PASSWORD))).toEqual([]);
    controller.abort();
    await caught(running);
  });

  it('writes the password only once sudo prompts: a sudo that does not ask never gets it', async () => {
    // nopass needs no password, so sudo -S does not prompt; a password written
    // up front would be read by the command (cat) and come back on stdout.
    const outcome = await runSudo(await server.as('nopass'), 'nopass', 'cat', { stdin: 'data' }, CASEKIT_PASSWORD);
    expect(outcome.ran && outcome.result.stdout.toString()).toBe('data');
  });

  it('says SUDO_WRONG_PASSWORD for a wrong password, without repeating it', async () => {
    const wrong = 'not-the-password-123';
    const error = await caught(
      runAsRoot(await server.as('casekit'), 'casekit', 'id', { sudoPassword: provider(wrong).ask }),
    );
    expect(error.code).toBe('SUDO_WRONG_PASSWORD');
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain('casekit-sudo-');
  });

  it('says SUDO_PASSWORD_REQUIRED when there is no way to ask for the password', async () => {
    const error = await caught(runAsRoot(await server.as('casekit'), 'casekit', 'id'));
    expect(error.code).toBe('SUDO_PASSWORD_REQUIRED');
    expect(error.message).toContain('not given a way to ask');
  });

  it('says SUDO_PASSWORD_REQUIRED when the user declines to enter it', async () => {
    const error = await caught(
      runAsRoot(await server.as('casekit'), 'casekit', 'id', { sudoPassword: provider(null).ask }),
    );
    expect(error.code).toBe('SUDO_PASSWORD_REQUIRED');
    expect(error.message).toContain('none was entered');
  });

  it('says SUDO_NOT_ALLOWED for a user without sudo rights, before asking for a password', async () => {
    const { asked, ask } = provider(NOSUDO_PASSWORD);
    const error = await caught(runAsRoot(await server.as('nosudo'), 'nosudo', 'id', { sudoPassword: ask }));
    expect(error.code).toBe('SUDO_NOT_ALLOWED');
    expect(asked.count).toBe(0);
  });

  it('recognises "not in the sudoers file" after a correct password too', async () => {
    const outcome = await runSudo(await server.as('nosudo'), 'nosudo', 'id', {}, NOSUDO_PASSWORD);
    expect(outcome.ran).toBe(false);
    if (outcome.ran) return;
    expect(outcome.said).toContain('is not in the sudoers file');
    const error = classifySudoRefusal(outcome.said, outcome.exitCode, 'nosudo');
    expect(error !== 'password-required' && error.code).toBe('SUDO_NOT_ALLOWED');
  });

  it('refuses a password with a line break rather than leak the rest to the command', async () => {
    const error = await caught(
      runAsRoot(await server.as('casekit'), 'casekit', 'cat', {
        sudoPassword: provider(`${CASEKIT_PASSWORD}\nrest`).ask,
      }),
    );
    expect(error.code).toBe('SUDO_WRONG_PASSWORD');
    expect(error.message).not.toContain('rest');
  });
});

describe('runAsRoot on a server without sudo', () => {
  it('says PERMISSION_DENIED and explains that sudo is missing', async () => {
    // sshd's SetEnv replaces PATH for every session: sudo is then nowhere to be found.
    const { startSshd } = await import('../../../../test/support/sshd/start-sshd');
    const bare = await startSshd({
      users: [{ name: 'casekit', uid: 2101, password: CASEKIT_PASSWORD, sudo: 'password' }],
      config: ['SetEnv PATH=/nonexistent'],
    });
    const client = await connectTestClient(bare, 'casekit');
    try {
      const error = await caught(runAsRoot(client, 'casekit', 'id', { sudoPassword: provider(CASEKIT_PASSWORD).ask }));
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toContain('sudo is not installed');
    } finally {
      client.end();
      await bare.stop();
    }
  });
});
