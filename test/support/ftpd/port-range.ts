import net from 'node:net';
import { freePort } from '../sshd/start-sshd';

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive ports free on both 127.0.0.1 and ::1: vsftpd takes a
 * passive port range as a span, and the cutting proxy listens on ::1 with the
 * same numbers so that EPSV replies need no rewriting (they may be encrypted).
 */
export async function findPortRange(count: number): Promise<number[]> {
  for (let tries = 0; tries < 50; tries++) {
    const first = await freePort();
    if (first + count > 65_535) continue;
    const ports = Array.from({ length: count }, (_, i) => first + i);
    let free = true;
    for (const port of ports) {
      if (!(await canListen(port, '127.0.0.1')) || !(await canListen(port, '::1'))) {
        free = false;
        break;
      }
    }
    if (free) return ports;
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1 and ::1`);
}
