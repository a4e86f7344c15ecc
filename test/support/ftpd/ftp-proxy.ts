import { startTcpProxy, type TcpProxy } from '../sshd/tcp-proxy';
import type { TestFtpd } from './start-ftpd';

/** Which connections to cut: one of them, or both (the network going away). */
export type FtpCut = 'control' | 'data' | 'both';

export interface FtpProxy {
  /** Connect here (`ftp://[::1]:port/…`): control and passive data connections both go through the proxy. */
  host: '::1';
  port: number;
  /** Bytes the client sent on data connections (file contents, after TLS when TLS is on). */
  dataBytes(): number;
  /** Cuts the control or the data connection(s) once the data connections have carried `afterBytes` more bytes. */
  cutAfter(afterBytes: number, which: FtpCut): Promise<void>;
  close(): Promise<void>;
}

/**
 * A relay in front of a test vsftpd that can cut a connection in the middle of
 * a transfer. It listens on ::1 with the server's own control and passive port
 * numbers' counterparts: the client's EPSV reply names only a port, which the
 * client opens on the control connection's host (::1), so the data connections
 * pass through here too, TLS or not, without rewriting any reply.
 */
export async function startFtpProxy(server: TestFtpd): Promise<FtpProxy> {
  let dataBytes = 0;
  let trigger: { at: number; fire: () => void } | null = null;
  const onUpstream = (chunk: Buffer) => {
    dataBytes += chunk.length;
    if (trigger !== null && dataBytes >= trigger.at) {
      const { fire } = trigger;
      trigger = null;
      fire();
    }
  };
  const control = await startTcpProxy(server.port, { listenHost: '::1' });
  const data: TcpProxy[] = [];
  try {
    for (const port of server.passivePorts)
      data.push(await startTcpProxy(port, { listenHost: '::1', listenPort: port, onUpstream }));
  } catch (error) {
    await Promise.all([control, ...data].map((proxy) => proxy.close()));
    throw error;
  }
  return {
    host: '::1',
    port: control.port,
    dataBytes: () => dataBytes,
    cutAfter: (afterBytes, which) =>
      new Promise((resolve) => {
        trigger = {
          at: dataBytes + afterBytes,
          fire: () => {
            if (which !== 'data') control.dropAll();
            if (which !== 'control') for (const proxy of data) proxy.dropAll();
            resolve();
          },
        };
      }),
    close: async () => {
      await Promise.all([control, ...data].map((proxy) => proxy.close()));
    },
  };
}
