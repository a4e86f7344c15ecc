import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection at once, as a dropped network would. */
  dropAll(): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Where the proxy listens (default 127.0.0.1, port 0: any free one). */
  listenHost?: string;
  listenPort?: number;
  /** Where it relays to (default 127.0.0.1). */
  targetHost?: string;
  /** Sees each chunk going from the client to the target before it is relayed. */
  onUpstream?: (chunk: Buffer) => void;
}

/** A TCP relay to a local port, so a test can cut a connection (SSH, FTP control or data) from the outside. */
export function startTcpProxy(targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(targetPort, options.targetHost ?? '127.0.0.1');
    for (const [socket, other] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // A reset passes through, as it would without the relay: pipe() forwards only a clean end (FIN), and a
      // peer left waiting for more (vsftpd holding its upload lock on a half-sent file) would hang the test.
      socket.on('error', () => other.destroy());
    }
    const { onUpstream } = options;
    if (onUpstream) inbound.on('data', (chunk: Buffer) => onUpstream(chunk));
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, options.listenHost ?? '127.0.0.1', () => {
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
