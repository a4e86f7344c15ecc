import type { Client } from 'ssh2';

/** Runs a command over an established client and returns its stdout (for asserting who we reached). */
export function runRemote(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let text = '';
      channel.on('data', (chunk: Buffer) => (text += chunk.toString()));
      channel.stderr.resume();
      channel.on('close', () => resolve(text));
    }),
  );
}
