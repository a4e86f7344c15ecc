import { PassThrough } from 'node:stream';
import { Client, type SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { coalesceWrites } from './sftp-calls';

function clientOn(socket: PassThrough): Client {
  const client = new Client();
  // What ssh2 keeps the connection's socket in.
  (client as unknown as { _sock: unknown })._sock = socket;
  return client;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceWrites', () => {
  it('holds the writes made while incoming data is handled and sends them together after that turn', async () => {
    const socket = new PassThrough();
    const sent: Buffer[] = [];
    socket.on('data', () => undefined);
    const writev = socket._writev?.bind(socket);
    socket._writev = (chunks, callback) => {
      sent.push(Buffer.concat(chunks.map(({ chunk }) => chunk as Buffer)));
      if (writev) writev(chunks, callback);
      else callback();
    };
    const stop = coalesceWrites(clientOn(socket), {} as SFTPWrapper);
    socket.emit('data', Buffer.from('reply'));
    socket.write('request 1;');
    socket.write('request 2;');
    expect(socket.writableCorked).toBe(1);
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
    expect(sent.map(String)).toEqual(['request 1;request 2;']);
    stop();
    socket.emit('data', Buffer.from('reply'));
    expect(socket.writableCorked).toBe(0);
  });

  it('leaves a target without a socket alone', () => {
    expect(() => coalesceWrites(new Client(), {} as SFTPWrapper)()).not.toThrow();
  });
});
