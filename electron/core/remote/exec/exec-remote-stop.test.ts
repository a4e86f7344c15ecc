import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { connectTestClient } from '../../../../test/support/sshd/connect-client';
import { startExecTestServer, type ExecTestServer } from '../../../../test/support/sshd/exec-test-server';
import { rawExec } from '../../../../test/support/sshd/raw-exec';
import { processesRunning, uniqueSleep, waitForProcesses } from '../../../../test/support/sshd/remote-processes';
import { startTcpProxy } from '../../../../test/support/sshd/tcp-proxy';
import { execRemote } from './exec-remote';

// Stopping a command must stop everything it started on the server. Each test
// starts a family of `sleep`s with a unique command line, stops the command,
// and asks `ps` over a separate root connection whether any is left.
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

/**
 * Four sleeps: a child, a child of a child, an orphan re-parented to init
 * (outside the process tree, still in the session) and one in a session of
 * its own (as `su -c` makes): each escapes a simpler kill.
 */
const family = (sleep: string) => `${sleep} & sh -c '${sleep} & wait' & (${sleep} &); setsid ${sleep} & wait`;

describe('stopping a remote command', () => {
  it('cancel kills the process and all its descendants (root session)', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = execRemote(await server.as('root'), family(sleep), { signal: controller.signal });
    await waitForProcesses(witness, sleep, 4);
    controller.abort();
    const error = await caught(running);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toContain('stopped it on the server');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('a timeout kills them too and says COMMAND_TIMEOUT', async () => {
    const sleep = uniqueSleep();
    const started = Date.now();
    const error = await caught(execRemote(await server.as('root'), family(sleep), { timeoutMs: 1_500 }));
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(error.message).toContain('within 1.5 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('works the same for a non-root session user', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = execRemote(await server.as('nosudo'), family(sleep), { signal: controller.signal });
    const before = await waitForProcesses(witness, sleep, 4);
    expect(before.every((process) => process.user === 'nosudo')).toBe(true);
    controller.abort();
    expect((await caught(running)).code).toBe('CANCELLED');
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('uses SIGKILL after the grace period on processes that ignore SIGTERM', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = execRemote(await server.as('root'), `trap '' TERM; ${sleep} & ${sleep}`, {
      signal: controller.signal,
      killGraceMs: 500,
    });
    await waitForProcesses(witness, sleep, 2);
    const abortedAt = Date.now();
    controller.abort();
    expect((await caught(running)).code).toBe('CANCELLED');
    expect(Date.now() - abortedAt).toBeGreaterThanOrEqual(500);
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('stops a command cancelled before its channel had even opened', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    const running = execRemote(await server.as('root'), family(sleep), { signal: controller.signal });
    controller.abort();
    expect((await caught(running)).code).toBe('CANCELLED');
    // Had it started and been orphaned, it would show up within this time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await processesRunning(witness, sleep)).toEqual([]);
  });

  it('returns the result when the command has exited but a process it left behind holds its output', async () => {
    const sleep = uniqueSleep();
    const controller = new AbortController();
    // Like a daemon started without redirecting its output: not ours to kill once the command is done.
    const running = execRemote(await server.as('root'), `${sleep} & echo started`, { signal: controller.signal });
    const [daemon] = await waitForProcesses(witness, sleep);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const result = await running;
    expect(result.exitCode).toBe(0);
    expect(result.stdout.toString()).toBe('started\n');
    await rawExec(witness, `kill ${daemon!.pid}`);
  });

  it('says CONNECTION_LOST when the connection drops under a running command', async () => {
    const proxy = await startTcpProxy(server.sshd.port);
    const client = await connectTestClient(server.sshd, 'root', { port: proxy.port });
    client.on('error', () => undefined);
    const sleep = uniqueSleep();
    const running = execRemote(client, sleep);
    const [orphan] = await waitForProcesses(witness, sleep);
    proxy.dropAll();
    const error = await caught(running);
    expect(error.code).toBe('CONNECTION_LOST');
    expect(error.message).toContain('may still be running');
    await rawExec(witness, `kill ${orphan!.pid}`);
    await proxy.close();
  });

  it('says CONNECTION_LOST for a client that is no longer connected', async () => {
    const client = await connectTestClient(server.sshd, 'root');
    await new Promise<void>((resolve) => {
      client.once('close', () => resolve());
      client.end();
    });
    expect((await caught(execRemote(client, 'true'))).code).toBe('CONNECTION_LOST');
  });
});
