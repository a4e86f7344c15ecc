import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execTestUsers } from '../../../../test/support/sshd/exec-test-server';
import { authAttempts, waitForLog } from '../../../../test/support/sshd/connect-fixture';
import { startSshd, type TestSshd } from '../../../../test/support/sshd/start-sshd';
import { GLOBAL, makeTesterFixture, trustAndAnswer, until, type TesterFixture } from './connection-tester-fixture';

// Cancel while a test waits: for the user (a prompt is open) or for a server that never answers.
let sshd: TestSshd;
let f: TesterFixture;

beforeAll(async () => {
  sshd = await startSshd({ users: execTestUsers({ zimbra: false }) });
});
afterAll(() => sshd.stop());
beforeEach(async () => {
  f = await makeTesterFixture();
});
afterEach(() => f.remove());

const TEST_ID = 't-cancel0001';

/** The test sshd, logged in to as root with the client key. */
const addRootServer = () =>
  f.addServer({ host: sshd.host, port: sshd.port, user: 'root', identityFile: sshd.clientKeyPath });

describe('cancelConnectionTest', () => {
  it('stops a test waiting for the sudo password: the prompt closes and the logged-in connection is closed', async () => {
    const { id } = await f.addServer({
      host: sshd.host,
      port: sshd.port,
      user: 'casekit',
      identityFile: sshd.clientKeyPath,
      useSudo: true,
    });
    f.answer = (request) => (request.kind === 'hostKey' ? { kind: 'hostKey', trust: true } : 'leave-open');
    const logFrom = sshd.log().length;

    const running = f.core.dispatch('testConnection', { scope: GLOBAL, id, testId: TEST_ID });
    await until(() => f.asked.some((p) => p.kind === 'secret' && p.purpose === 'sudo-password'), 'the sudo prompt');
    await waitForLog(sshd, /Accepted publickey for casekit/, logFrom);
    const prompt = f.asked.at(-1)!;

    expect(await f.core.dispatch('cancelConnectionTest', { testId: TEST_ID })).toEqual({
      ok: true,
      data: { testId: TEST_ID, cancelled: true },
    });
    expect(await running).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: expect.stringContaining('closed its connection') },
    });
    expect(f.closed).toContain(prompt.id);
    expect(f.core.prompts.size).toBe(0);
    await waitForLog(sshd, /Disconnected from user casekit/, logFrom);
    // Over: a second cancel finds nothing to stop.
    expect(await f.core.dispatch('cancelConnectionTest', { testId: TEST_ID })).toEqual({
      ok: true,
      data: { testId: TEST_ID, cancelled: false },
    });
  });

  it('stops a test at the host key question before any credential is sent', async () => {
    const { id } = await addRootServer();
    f.answer = () => 'leave-open';
    const logFrom = sshd.log().length;

    const running = f.core.dispatch('testConnection', { scope: GLOBAL, id, testId: TEST_ID });
    await until(() => f.asked.length === 1, 'the host key prompt');
    await f.core.dispatch('cancelConnectionTest', { testId: TEST_ID });

    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(f.closed).toEqual([f.asked[0]!.id]);
    await waitForLog(sshd, /Connection (closed|reset) by 127\.0\.0\.1|Disconnected from 127\.0\.0\.1/, logFrom);
    expect(authAttempts(sshd.log().slice(logFrom))).toEqual([]);
  });

  it('stops a test stuck on a server that never answers, closing the socket', async () => {
    const sockets: net.Socket[] = [];
    // Reads (so that the client's close is seen) and never answers.
    const silent = net.createServer((socket) => sockets.push(socket.on('error', () => undefined).resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const { id } = await f.addServer({ host: '127.0.0.1', port, user: 'root' });
      f.answer = trustAndAnswer([]);

      const started = Date.now();
      const running = f.core.dispatch('testConnection', { scope: GLOBAL, id, testId: TEST_ID });
      await until(() => sockets.length === 1, 'the connection');
      const closed = new Promise<void>((resolve) => sockets[0]!.once('close', () => resolve()));
      await f.core.dispatch('cancelConnectionTest', { testId: TEST_ID });

      expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      await closed;
      // Well before the 20 s handshake timeout that would have ended it otherwise.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a second test under an id that is running', async () => {
    const { id } = await addRootServer();
    f.answer = () => 'leave-open';
    const first = f.core.dispatch('testConnection', { scope: GLOBAL, id, testId: TEST_ID });
    const second = await f.core.dispatch('testConnection', { scope: GLOBAL, id, testId: TEST_ID });
    expect(second).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await f.core.dispatch('cancelConnectionTest', { testId: TEST_ID });
    expect(await first).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});
