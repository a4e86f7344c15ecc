import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { connectTestClient } from '../../../../test/support/sshd/connect-client';
import {
  CASEKIT_PASSWORD,
  startExecTestServer,
  type ExecTestServer,
} from '../../../../test/support/sshd/exec-test-server';
import { processesRunning, uniqueSleep, waitForProcesses } from '../../../../test/support/sshd/remote-processes';
import { runAsRoot, runAsZimbra } from './privilege';

// The session user may not signal root's processes, and `su -c` puts the
// zimbra command in a session of its own: stopping must still reach them all.
let server: ExecTestServer;
let witness: Client;

beforeAll(async () => {
  server = await startExecTestServer({ zimbra: true });
  witness = await connectTestClient(server.sshd, 'root');
});
afterAll(async () => {
  witness.end();
  await server.stop();
});

const family = (sleep: string) => `${sleep} & sh -c '${sleep} & wait' & (${sleep} &); setsid ${sleep} & wait`;
const sudoPassword = () => Promise.resolve(CASEKIT_PASSWORD);

describe('stopping a command run with other privileges', () => {
  it('cancel under password sudo kills root’s processes, which the session user could not', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = runAsRoot(await server.as('casekit'), 'casekit', family(sleep), {
      sudoPassword,
      signal: controller.signal,
    });
    const before = await waitForProcesses(witness, sleep, 4);
    expect(before.every((process) => process.user === 'root')).toBe(true);
    controller.abort();
    const error = await caught(running);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain('stopped it on the server');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('a timeout under sudo -n kills them too', async () => {
    const sleep = uniqueSleep();
    const error = await caught(runAsRoot(await server.as('nopass'), 'nopass', family(sleep), { timeoutMs: 1_500 }));
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('cancel of a zimbra command started by root (su -c, a new session) kills it', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = runAsZimbra(await server.as('root'), 'root', family(sleep), { signal: controller.signal });
    const before = await waitForProcesses(witness, sleep, 4);
    expect(before.every((process) => process.user === 'zimbra')).toBe(true);
    controller.abort();
    expect((await caught(running)).code).toBe('CANCELLED');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('cancel of a zimbra command through sudo and su kills it', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = runAsZimbra(await server.as('casekit'), 'casekit', family(sleep), {
      sudoPassword,
      signal: controller.signal,
    });
    await waitForProcesses(witness, sleep, 4);
    controller.abort();
    expect((await caught(running)).code).toBe('CANCELLED');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('cancel while the password is being asked for stops before anything runs', async () => {
    const controller = new AbortController();
    const sleep = uniqueSleep();
    const running = runAsRoot(await server.as('casekit'), 'casekit', sleep, {
      signal: controller.signal,
      sudoPassword: () => {
        controller.abort();
        return new Promise<string>(() => undefined);
      },
    });
    const error = await caught(running);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain('had not started');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });
});
