import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectTestClient } from './connect-client';
import { startSshd, type TestSshd } from './start-sshd';

let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(() => sshd.stop());

it('logs in with the client key and runs a command', async () => {
  const client = await connectTestClient(sshd);
  const out = await new Promise<string>((resolve, reject) =>
    client.exec('echo hello', (error, channel) => {
      if (error) return reject(error);
      let text = '';
      channel.on('data', (chunk: Buffer) => (text += chunk.toString()));
      channel.on('close', () => resolve(text));
    }),
  );
  client.end();
  expect(out).toBe('hello\n');
});
