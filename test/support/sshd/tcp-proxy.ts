import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection at once, as a dropped network would. */
  dropAll(): void;
  close(): Promise<void>;
}

/** A TCP relay on 127.0.0.1 to a local port, so a test can cut an SSH connection from the outside. */
export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(targetPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      const dropAll = () => {
        for (const socket of sockets) socket.destroy();
      };
      resolve({
        port,
        dropAll,
        close: () =>
          new Promise<void>((done) => {
            dropAll();
            server.close(() => done());
          }),
      });
    });
  });
}
